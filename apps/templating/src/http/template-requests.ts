import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { LOCALE_PATTERN, MessageCategories, TEMPLATE_KEY_PATTERN, type MessageCategory } from '@herald/contracts';

export const MAX_BODY_LENGTH = 2000;
export const DEFAULT_MAX_SEGMENTS = 3;

const KEY = { message: 'must match [a-z0-9_.-]{1,64}' };
const LOCALE = { message: 'must be a BCP-47 locale like fr or fr-CA' };

/** POST /v1/templates: a new version of key/locale. */
export class CreateTemplateRequest {
  @IsString()
  @Matches(TEMPLATE_KEY_PATTERN, KEY)
  key: string;

  @IsString()
  @Matches(LOCALE_PATTERN, LOCALE)
  locale: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_BODY_LENGTH)
  body: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  senderProfile: string;

  @IsIn(MessageCategories)
  category: MessageCategory;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  registeredTemplateId?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  maxSegments?: number;

  /** name -> { maxLength, secret?, sample }; checked field by field by the lint. */
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;

  @IsOptional()
  @IsBoolean()
  transliterate?: boolean;

  /** Make the new version the active one in the same transaction. */
  @IsOptional()
  @IsBoolean()
  activate?: boolean;
}

/** POST /v1/templates/:key/:locale/activate */
export class ActivateTemplateRequest {
  @IsInt()
  @Min(1)
  version: number;
}

/** POST /v1/templates/:key/preview */
export class PreviewTemplateRequest {
  @IsString()
  @Matches(LOCALE_PATTERN, LOCALE)
  locale: string;

  /** Overrides of the declared samples, deep-merged over them. */
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  /** A specific version instead of the active one. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListTemplatesQuery {
  @IsOptional()
  @IsString()
  @Matches(TEMPLATE_KEY_PATTERN, KEY)
  key?: string;

  @IsOptional()
  @IsString()
  @Matches(LOCALE_PATTERN, LOCALE)
  locale?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';
}

export class TemplatePathParams {
  @IsString()
  @Matches(TEMPLATE_KEY_PATTERN, KEY)
  key: string;

  @IsOptional()
  @IsString()
  @Matches(LOCALE_PATTERN, LOCALE)
  locale?: string;
}
