import { IsOptional } from 'class-validator';
import { CustomerDto } from './common/customer.dto';
import { IsCount, IsHttpUrl, IsId, IsRequiredText, NestedArray, NestedObject } from './common/field.decorators';
import { MoneyDto } from './common/money.dto';

export class OrderItemDto {
  @IsRequiredText(200)
  name: string;

  @IsCount(1)
  quantity: number;
}

/** `data` of an order.placed CloudEvent. */
export class OrderPlacedV1 {
  @IsId()
  orderId: string;

  @NestedObject(() => CustomerDto)
  customer: CustomerDto;

  @NestedObject(() => MoneyDto)
  total: MoneyDto;

  @IsOptional()
  @NestedArray(() => OrderItemDto, 100)
  items?: OrderItemDto[];

  @IsOptional()
  @IsHttpUrl()
  trackingUrl?: string;
}
