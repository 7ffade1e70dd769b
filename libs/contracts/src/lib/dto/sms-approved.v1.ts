import { IsOptional } from 'class-validator';
import { IsRequiredText, IsText, IsTimestamp } from './common/field.decorators';
import { SmsRenderedV1 } from './sms-rendered.v1';

/** sms.approved.v1: cleared by compliance, ready for dispatch. */
export class SmsApprovedV1 extends SmsRenderedV1 {
  /** Alphanumeric sender (max 11 chars on the air), short code or long number chosen by the country rules. */
  @IsRequiredText(32)
  senderId: string;

  /** Registered entity id where a country requires one (India DLT PE id). */
  @IsOptional()
  @IsText(64)
  entityId?: string;

  @IsTimestamp()
  approvedAt: string;
}
