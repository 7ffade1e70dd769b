import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  LOCALE_PATTERN,
  MAX_TTL_SECONDS,
  MessageCategories,
  TEMPLATE_KEY_PATTERN,
  type MessageCategory,
} from '@herald/contracts';

export const MAX_SECRET_BYTES = 4096;

/** Body of POST /v1/notifications, shaped like a Novu trigger. */
export class SendNotificationDto {
  @IsString()
  @Matches(TEMPLATE_KEY_PATTERN, { message: '$property must match [a-z0-9_.-]{1,64}' })
  templateKey: string;

  @IsIn(MessageCategories)
  category: MessageCategory;

  /** The recipient's number, ideally E.164; national numbers are read with the locale's region. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  to: string;

  @IsOptional()
  @IsString()
  @Matches(LOCALE_PATTERN, { message: '$property must be a BCP-47 locale like fr-FR' })
  locale?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @IsObject()
  variables: Record<string, unknown>;

  /** Values published only encrypted (e.g. `{ "otp": { "code": "123456" } }`), never stored or logged. */
  @IsOptional()
  @IsObject()
  secretVariables?: Record<string, unknown>;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TTL_SECONDS)
  ttlSeconds?: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  brand?: string;

  /** The caller's id for this notification (Novu's transactionId): re-sending it is a duplicate. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  transactionId?: string;
}
