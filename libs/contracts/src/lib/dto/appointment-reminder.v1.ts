import { IsOptional } from 'class-validator';
import { CustomerDto } from './common/customer.dto';
import { IsId, IsText, IsTimestamp, NestedObject } from './common/field.decorators';

export class AppointmentDto {
  @IsTimestamp()
  startsAt: string;

  @IsOptional()
  @IsText(200)
  location?: string;

  @IsOptional()
  @IsText(200)
  provider?: string;
}

/** `data` of an appointment.reminder CloudEvent. */
export class AppointmentReminderV1 {
  @IsId()
  appointmentId: string;

  @NestedObject(() => CustomerDto)
  customer: CustomerDto;

  @NestedObject(() => AppointmentDto)
  appointment: AppointmentDto;
}
