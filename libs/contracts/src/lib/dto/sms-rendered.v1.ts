import { IsIn, IsOptional } from 'class-validator';
import { SmsEncodings, type SmsEncoding } from './common/enums';
import { IsCount, IsRequiredText, IsText, IsTimestamp } from './common/field.decorators';
import { SmsMessageBase } from './sms-message.base';

/** sms.rendered.v1: the body is ready; produced by templating. */
export class SmsRenderedV1 extends SmsMessageBase {
  @IsCount(1)
  templateVersion: number;

  /** Opaque ciphertext (@herald/pii) of the rendered body; OTP bodies must never travel in clear. */
  @IsRequiredText(16384)
  bodyEnc: string;

  @IsIn(SmsEncodings)
  encoding: SmsEncoding;

  @IsCount(1)
  segments: number;

  @IsCount(0)
  characters: number;

  @IsRequiredText(64)
  senderProfile: string;

  /** Carrier-registered template id where a country requires one (India DLT). */
  @IsOptional()
  @IsText(64)
  registeredTemplateId?: string;

  @IsTimestamp()
  renderedAt: string;
}
