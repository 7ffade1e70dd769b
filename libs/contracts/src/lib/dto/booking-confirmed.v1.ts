import { IsOptional } from 'class-validator';
import { CustomerDto } from './common/customer.dto';
import { IsCount, IsId, IsText, IsTimestamp, NestedObject } from './common/field.decorators';

export class BookingDetailsDto {
  @IsTimestamp()
  startsAt: string;

  @IsOptional()
  @IsText(200)
  location?: string;

  @IsOptional()
  @IsText(200)
  service?: string;

  @IsOptional()
  @IsCount(1, 1000)
  partySize?: number;
}

/** `data` of a booking.confirmed CloudEvent. */
export class BookingConfirmedV1 {
  @IsId()
  bookingId: string;

  @NestedObject(() => CustomerDto)
  customer: CustomerDto;

  @NestedObject(() => BookingDetailsDto)
  booking: BookingDetailsDto;
}
