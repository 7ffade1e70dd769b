import { Equals, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  CanonicalStates,
  MessageCategories,
  SmsEncodings,
  type CanonicalState,
  type MessageCategory,
  type SmsEncoding,
} from './common/enums';
import {
  IsCount,
  IsCountryCode,
  IsId,
  IsLocale,
  IsRecipientToken,
  IsRequiredText,
  IsTemplateKey,
  IsText,
  IsTimestamp,
  NestedObject,
} from './common/field.decorators';

export class ReceiptLatencyDto {
  @IsOptional()
  @IsCount(0)
  acceptedToSubmitted?: number;

  @IsOptional()
  @IsCount(0)
  submittedToFinal?: number;
}

/**
 * sms.receipts.v1: the public, carrier-neutral receipt analysts consume. Never carries a raw number.
 * One per published transition (receipts' RECEIPTS_PUBLISH: `milestones` = submitted, deferred and the
 * final states; `all` = every transition), so `previousState` may name a state that had no receipt.
 */
export class SmsReceiptV1 {
  @Equals(1)
  schemaVersion: 1;

  @IsUUID()
  messageId: string;

  @IsId()
  sourceEventId: string;

  @IsRequiredText(128)
  sourceEventType: string;

  @IsTemplateKey()
  templateKey: string;

  @IsLocale()
  locale: string;

  @IsIn(MessageCategories)
  category: MessageCategory;

  @IsCountryCode()
  country: string;

  @IsOptional()
  @IsText(64)
  carrierId?: string;

  @IsRecipientToken()
  recipientToken: string;

  @IsIn(CanonicalStates)
  state: CanonicalState;

  @IsOptional()
  @IsIn(CanonicalStates)
  previousState?: CanonicalState;

  @IsBoolean()
  isFinal: boolean;

  /** Carrier status as received (SMPP `stat:`), kept so analysts can audit the mapping. */
  @IsOptional()
  @IsText(32)
  rawStatus?: string;

  @IsOptional()
  @IsText(32)
  rawErrorCode?: string;

  @IsOptional()
  @IsText(64)
  reasonCode?: string;

  @IsOptional()
  @IsCount(1)
  segments?: number;

  @IsOptional()
  @IsIn(SmsEncodings)
  encoding?: SmsEncoding;

  @IsTimestamp()
  occurredAt: string;

  @IsOptional()
  @IsTimestamp()
  acceptedAt?: string;

  @IsOptional()
  @IsTimestamp()
  submittedAt?: string;

  @IsOptional()
  @NestedObject(() => ReceiptLatencyDto)
  latencyMs?: ReceiptLatencyDto;
}
