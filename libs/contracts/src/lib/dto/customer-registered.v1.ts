import { IsOptional } from 'class-validator';
import { CustomerDto } from './common/customer.dto';
import { IsText, NestedObject } from './common/field.decorators';

/** `data` of a customer.registered CloudEvent. */
export class CustomerRegisteredV1 {
  @NestedObject(() => CustomerDto)
  customer: CustomerDto;

  @IsOptional()
  @IsText(64)
  brand?: string;
}
