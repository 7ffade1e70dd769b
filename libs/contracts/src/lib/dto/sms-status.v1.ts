import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { InternalStatuses, type InternalStatus } from './common/enums';
import { IsCount, IsRequiredText, IsText, IsTimestamp, NestedObject } from './common/field.decorators';
import { MessageMetaDto } from './common/message-meta.dto';

/** What receipts needs to build a public receipt without reading another service's tables: the shared message metadata. */
export class StatusMetaDto extends MessageMetaDto {}

/** sms.status.v1: an internal transition reported by any stage. */
export class SmsStatusV1 {
  @IsUUID()
  messageId: string;

  @IsIn(InternalStatuses)
  status: InternalStatus;

  /** An ErrorCode, a compliance reason such as OPTED_OUT or QUIET_HOURS, or TOO_OLD (event-ingest: the event was past its TTL or maximum age on arrival). */
  @IsOptional()
  @IsText(64)
  reasonCode?: string;

  @IsOptional()
  @IsText(500)
  reason?: string;

  @IsRequiredText(64)
  service: string;

  @IsTimestamp()
  at: string;

  @IsOptional()
  @IsText(64)
  carrierId?: string;

  @IsOptional()
  @IsText(128)
  carrierMessageId?: string;

  @IsOptional()
  @IsCount(1)
  attempt?: number;

  @IsOptional()
  @IsText(32)
  rawStatus?: string;

  @IsOptional()
  @IsText(32)
  rawErrorCode?: string;

  @NestedObject(() => StatusMetaDto)
  meta: StatusMetaDto;
}
