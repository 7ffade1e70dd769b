import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { LOCALE_PATTERN } from '@herald/contracts';
import { BaseServiceConfig } from '@herald/service-kit';

/** Service name, Kafka consumer group and metric prefix. */
export const TEMPLATING = 'templating';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class TemplatingConfig extends BaseServiceConfig {
  override HTTP_PORT = 3002;
  override MGMT_PORT = 9102;

  /** Bearer token of the admin API (/v1/templates). Unset: the admin API answers 503 and stays closed. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'TEMPLATING_ADMIN_TOKEN must be at least 16 characters' })
  TEMPLATING_ADMIN_TOKEN?: string;

  /** Last locale of every fallback chain (fr-CA -> fr -> this). */
  @IsString()
  @Matches(LOCALE_PATTERN, { message: 'TEMPLATING_DEFAULT_LOCALE must be a BCP-47 locale like en' })
  TEMPLATING_DEFAULT_LOCALE = 'en';

  /** Full reload of the template cache, the backstop for a missed LISTEN/NOTIFY invalidation. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  TEMPLATING_CACHE_REFRESH_MS = 30000;
}
