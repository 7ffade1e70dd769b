import { IsOptional, IsUUID } from 'class-validator';
import { IsRequiredText, IsText, IsTimestamp } from './common/field.decorators';

// SMPP 3.4 appendix B delivery receipt, carried in deliver_sm short_message:
//   id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...
// Fields are kept raw; `dlrText` is that string with the `text:` part removed (it may echo the body).

/** carrier.receipts.v1: one delivery receipt as a carrier adapter received it. */
export class CarrierReceiptV1 {
  @IsRequiredText(64)
  carrierId: string;

  @IsRequiredText(128)
  carrierMessageId: string;

  /** Set when the adapter could correlate it (e.g. via user_message_reference). */
  @IsOptional()
  @IsUUID()
  messageId?: string;

  /** `stat:` as sent, e.g. DELIVRD, UNDELIV, EXPIRED. */
  @IsRequiredText(32)
  rawStat: string;

  /** `err:` as sent, a carrier-specific code. */
  @IsOptional()
  @IsText(32)
  rawErr?: string;

  @IsOptional()
  @IsText(32)
  submitDate?: string;

  @IsOptional()
  @IsText(32)
  doneDate?: string;

  @IsText(1024)
  dlrText: string;

  @IsTimestamp()
  receivedAt: string;
}
