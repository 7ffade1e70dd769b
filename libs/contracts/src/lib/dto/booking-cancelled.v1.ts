import { IsOptional } from 'class-validator';
import { CustomerDto } from './common/customer.dto';
import { IsId, IsText, IsTimestamp, NestedObject } from './common/field.decorators';

export class CancelledBookingDto {
  @IsTimestamp()
  startsAt: string;
}

/** `data` of a booking.cancelled CloudEvent. */
export class BookingCancelledV1 {
  @IsId()
  bookingId: string;

  @NestedObject(() => CustomerDto)
  customer: CustomerDto;

  @NestedObject(() => CancelledBookingDto)
  booking: CancelledBookingDto;

  @IsOptional()
  @IsText(500)
  reason?: string;
}
