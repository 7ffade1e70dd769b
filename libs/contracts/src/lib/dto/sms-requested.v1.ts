import { IsObject, IsOptional } from 'class-validator';
import { IsRequiredText } from './common/field.decorators';
import { SmsMessageBase } from './sms-message.base';

/** sms.requested.v1: one notification to render, produced by event-ingest. */
export class SmsRequestedV1 extends SmsMessageBase {
  /** Template variables without the secret ones. */
  @IsObject()
  variables: Record<string, unknown>;

  /** Opaque ciphertext (@herald/pii) of a JSON object holding the secret variables, e.g. an OTP code. */
  @IsOptional()
  @IsRequiredText(8192)
  secretsEnc?: string;
}
