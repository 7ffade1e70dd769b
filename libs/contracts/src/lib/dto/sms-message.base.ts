import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { MessageCategories, Priorities, type MessageCategory, type Priority } from './common/enums';
import {
  IsCount,
  IsLocale,
  IsRequiredText,
  IsTemplateKey,
  IsText,
  IsTimestamp,
  NestedObject,
} from './common/field.decorators';
import { RecipientDto } from './common/recipient.dto';
import { SourceEventDto } from './common/source-event.dto';

export const MAX_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Fields every message carries from sms.requested.v1 through sms.approved.v1. */
export abstract class SmsMessageBase {
  @IsUUID()
  messageId: string;

  @NestedObject(() => SourceEventDto)
  sourceEvent: SourceEventDto;

  @IsTemplateKey()
  templateKey: string;

  @IsIn(MessageCategories)
  category: MessageCategory;

  @NestedObject(() => RecipientDto)
  recipient: RecipientDto;

  @IsLocale()
  locale: string;

  @IsOptional()
  @IsText(64)
  timezone?: string;

  /** Names of variables whose values travel only inside `secretsEnc` and are never logged or stored. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  secretVariables?: string[];

  @IsRequiredText(64)
  brand: string;

  @IsCount(1, MAX_TTL_SECONDS)
  ttlSeconds: number;

  @IsTimestamp()
  expiresAt: string;

  @IsTimestamp()
  requestedAt: string;

  @IsOptional()
  @IsIn(Priorities)
  priority?: Priority;
}
