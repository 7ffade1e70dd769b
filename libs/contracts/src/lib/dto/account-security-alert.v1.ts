import { IsOptional } from 'class-validator';
import { CustomerDto } from './common/customer.dto';
import { IsRequiredText, IsText, IsTimestamp, NestedObject } from './common/field.decorators';

export class SecurityAlertDto {
  /** What happened, e.g. new_device_login, password_changed, email_changed. */
  @IsRequiredText(64)
  kind: string;

  @IsTimestamp()
  occurredAt: string;

  @IsOptional()
  @IsText(64)
  ip?: string;

  @IsOptional()
  @IsText(200)
  device?: string;
}

/** `data` of an account.security_alert CloudEvent. */
export class AccountSecurityAlertV1 {
  @NestedObject(() => CustomerDto)
  customer: CustomerDto;

  @NestedObject(() => SecurityAlertDto)
  alert: SecurityAlertDto;
}
