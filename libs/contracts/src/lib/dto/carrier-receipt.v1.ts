import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DeliveryStates, type DeliveryState } from './common/enums';
import { IsRequiredText, IsText, IsTimestamp } from './common/field.decorators';

// Carrier-neutral: dispatch's carrier plugin (SMPP receipt, Twilio/Vonage/Infobip/Telnyx callback,
// ...) maps the carrier's own status word to `state`; the raw words travel beside it for analysts
// and support. No body text is ever carried (an SMPP receipt's `text:` part is dropped).

/** carrier.receipts.v1: one delivery report as dispatch received it from a carrier. */
export class CarrierReceiptV1 {
  @IsRequiredText(64)
  carrierId: string;

  @IsRequiredText(128)
  carrierMessageId: string;

  /** Set when dispatch could correlate it (echoed reference, recent submit or the send ledger). */
  @IsOptional()
  @IsUUID()
  messageId?: string;

  /** The canonical state the carrier's status means, decided by that carrier's plugin. */
  @IsIn(DeliveryStates)
  state: DeliveryState;

  /** The carrier's status word as sent: SMPP `stat:` (DELIVRD), Twilio MessageStatus (delivered), ... */
  @IsRequiredText(32)
  rawStat: string;

  /** The carrier's error code as sent (SMPP `err:`, Twilio ErrorCode, Vonage err-code, ...). */
  @IsOptional()
  @IsText(32)
  rawErr?: string;

  @IsOptional()
  @IsText(32)
  submitDate?: string;

  @IsOptional()
  @IsText(32)
  doneDate?: string;

  /** The report in the carrier's words without any body text, for support (e.g. the SMPP receipt). */
  @IsOptional()
  @IsText(1024)
  dlrText?: string;

  @IsTimestamp()
  receivedAt: string;
}
