import { IsOptional } from 'class-validator';
import { CustomerDto } from './common/customer.dto';
import { IsHttpUrl, IsId, IsText, NestedObject } from './common/field.decorators';
import { MoneyDto } from './common/money.dto';

/** `data` of a payment.failed CloudEvent; about an order, an invoice, or neither (a subscription). */
export class PaymentFailedV1 {
  @IsOptional()
  @IsId()
  orderId?: string;

  @IsOptional()
  @IsId()
  invoiceId?: string;

  @NestedObject(() => CustomerDto)
  customer: CustomerDto;

  @NestedObject(() => MoneyDto)
  amount: MoneyDto;

  @IsOptional()
  @IsText(500)
  reason?: string;

  @IsOptional()
  @IsHttpUrl()
  retryUrl?: string;
}
