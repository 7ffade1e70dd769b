import { IsOptional } from 'class-validator';
import { CustomerDto } from './common/customer.dto';
import { IsHttpUrl, IsId, IsRequiredText, IsTimestamp, NestedObject } from './common/field.decorators';

export class ShipmentDto {
  @IsRequiredText(64)
  carrier: string;

  @IsRequiredText(128)
  trackingNumber: string;

  @IsOptional()
  @IsHttpUrl()
  trackingUrl?: string;

  @IsOptional()
  @IsTimestamp()
  estimatedDelivery?: string;
}

/** `data` of an order.shipped CloudEvent. */
export class OrderShippedV1 {
  @IsId()
  orderId: string;

  @NestedObject(() => CustomerDto)
  customer: CustomerDto;

  @NestedObject(() => ShipmentDto)
  shipment: ShipmentDto;
}
