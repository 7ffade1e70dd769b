import { CustomerDto } from './common/customer.dto';
import { IsId, IsTimestamp, NestedObject } from './common/field.decorators';

/** `data` of an order.delivered CloudEvent. */
export class OrderDeliveredV1 {
  @IsId()
  orderId: string;

  @NestedObject(() => CustomerDto)
  customer: CustomerDto;

  @IsTimestamp()
  deliveredAt: string;
}
