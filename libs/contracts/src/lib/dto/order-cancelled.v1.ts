import { IsOptional } from 'class-validator';
import { CustomerDto } from './common/customer.dto';
import { IsId, IsText, NestedObject } from './common/field.decorators';
import { MoneyDto } from './common/money.dto';

/** `data` of an order.cancelled CloudEvent. */
export class OrderCancelledV1 {
  @IsId()
  orderId: string;

  @NestedObject(() => CustomerDto)
  customer: CustomerDto;

  @IsOptional()
  @IsText(500)
  reason?: string;

  @IsOptional()
  @NestedObject(() => MoneyDto)
  refund?: MoneyDto;
}
