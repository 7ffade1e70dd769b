import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { COUNTRY_PATTERN, DomainTopics, LOCALE_PATTERN, MAX_TTL_SECONDS } from '@herald/contracts';
import { RecipientTokenServiceConfig } from '@herald/service-kit';
import { DEFAULT_MAX_EVENT_AGE_SECONDS, type MaxEventAge } from './domain/event-age.policy';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : value === true || value === 'true' || value === '1';
const ONE_TOPIC = `(${DomainTopics.map((t) => t.replaceAll('.', '\\.')).join('|')})`;
const TOPIC_LIST = new RegExp(`^${ONE_TOPIC}( *, *${ONE_TOPIC})*$`);

export class EventIngestConfig extends RecipientTokenServiceConfig {
  override HTTP_PORT = 3001;
  override MGMT_PORT = 9101;

  /** Domain topics to consume, comma separated; each must be a topic of the contracts registry. */
  @IsString()
  @Matches(TOPIC_LIST, { message: `INGEST_TOPICS must be a comma-separated list of: ${DomainTopics.join(', ')}` })
  INGEST_TOPICS = DomainTopics.join(',');

  /** false runs only the HTTP API (a replica that does not join the consumer group). */
  @Transform(toBool)
  @IsBoolean()
  INGEST_CONSUME_ENABLED = true;

  /** The versioned mapping rules (JSON), read and validated once at start. */
  @IsString()
  @MinLength(1)
  INGEST_RULES_FILE = 'apps/event-ingest/rules/notification-rules.v1.json';

  /** Region used to read numbers without an international prefix when the event gives no country or locale region. */
  @IsOptional()
  @Matches(COUNTRY_PATTERN, { message: 'INGEST_DEFAULT_REGION must be an ISO 3166-1 alpha-2 code like FR' })
  INGEST_DEFAULT_REGION?: string;

  @Matches(LOCALE_PATTERN, { message: 'INGEST_DEFAULT_LOCALE must be a BCP-47 locale like en or fr-FR' })
  INGEST_DEFAULT_LOCALE = 'en';

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  INGEST_DEFAULT_BRAND = 'herald';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  INGEST_MAX_BODY_BYTES = 65536;

  /** `name:scope1|scope2:plaintextkey[,...]`, upserted by name at start; only the SHA-256 is stored. */
  @IsString()
  INGEST_API_KEYS = '';

  /** Requests per second per API key for seeded keys and for admin-created keys that name none. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  INGEST_RATE_LIMIT_PER_SECOND = 100;

  /**
   * Failed authentications (no key, unknown or revoked key) per client address per minute before
   * that address gets 429 without a key lookup. Per process (N replicas: N times this).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  INGEST_AUTH_FAILURES_PER_MINUTE = 20;

  /**
   * Requests per API key per UTC day (counted in PostgreSQL, so across replicas); a key's own
   * api_keys.daily_quota overrides it; 0 = no quota. Over it: 429 QUOTA_EXCEEDED until midnight UTC.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  INGEST_API_KEY_DAILY_QUOTA = 1_000_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  INGEST_IDEMPOTENCY_TTL_HOURS = 24;

  /** How long a source+id is remembered for dedupe; longer than any producer would re-publish. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  INGEST_DEDUPE_RETENTION_DAYS = 30;

  /**
   * The oldest an event (by its ce_time; the request time for /v1/notifications) may be for its SMS to
   * be sent, per category. A message expires at the earlier of its TTL and this age; one already past
   * it at ingest ends `expired` with reasonCode TOO_OLD and is never sent.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_TTL_SECONDS)
  INGEST_MAX_AGE_OTP_SECONDS = DEFAULT_MAX_EVENT_AGE_SECONDS.otp;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_TTL_SECONDS)
  INGEST_MAX_AGE_SECURITY_SECONDS = DEFAULT_MAX_EVENT_AGE_SECONDS.security;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_TTL_SECONDS)
  INGEST_MAX_AGE_TRANSACTIONAL_SECONDS = DEFAULT_MAX_EVENT_AGE_SECONDS.transactional;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_TTL_SECONDS)
  INGEST_MAX_AGE_PROMOTIONAL_SECONDS = DEFAULT_MAX_EVENT_AGE_SECONDS.promotional;

  /** A revoked key stops working within this many seconds (per-process cache of key lookups). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  INGEST_API_KEY_CACHE_SECONDS = 10;

  /** POST /v1/notifications refuses a templateKey templating has no active template for (422 UNKNOWN_TEMPLATE). */
  @Transform(toBool)
  @IsBoolean()
  INGEST_REFUSE_UNKNOWN_TEMPLATES = true;

  /** Templating's HTTP API, where ingest reads those template keys (GET /v1/template-keys). */
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'TEMPLATING_URL must be an http(s) URL like http://templating:3002' },
  )
  TEMPLATING_URL = 'http://127.0.0.1:3002';

  /** Platform webhook sources (Shopify, WooCommerce, Stripe) served on POST /v1/sources/:sourceId, read once at start. */
  @IsString()
  @MinLength(1)
  INGEST_SOURCES_FILE = 'config/sources.v1.json';

  /**
   * Webhook signing secrets, `ref:secret[,...]`, `ref` being a source's `secret` in the sources file;
   * a ref listed twice accepts both (rotation). A source without a secret refuses every webhook (401).
   */
  @IsString()
  INGEST_SOURCE_SECRETS = '';

  /** Stripe-Signature timestamps older or newer than this are refused (replay protection; Stripe's default 300). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  INGEST_STRIPE_TOLERANCE_SECONDS = 300;

  /** Compliance's HTTP API, where SMS marketing consents a platform sends (Shopify) are recorded (POST/DELETE /v1/consents). */
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'COMPLIANCE_URL must be an http(s) URL like http://compliance:3003' },
  )
  COMPLIANCE_URL = 'http://127.0.0.1:3003';

  /** One of compliance's COMPLIANCE_ADMIN_TOKENS (its name becomes the consent's recordedBy); empty: platform consents answer 503. */
  @IsString()
  INGEST_COMPLIANCE_TOKEN = '';

  /** Full re-read of the template keys; a key not in the list is re-read at once (at most once a second). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  INGEST_TEMPLATE_KEYS_REFRESH_MS = 30000;
}

export function configuredTopics(config: EventIngestConfig): string[] {
  return [...new Set(config.INGEST_TOPICS.split(',').map((t) => t.trim()))];
}

export function maxEventAgeOf(config: EventIngestConfig): MaxEventAge {
  return {
    otp: config.INGEST_MAX_AGE_OTP_SECONDS,
    security: config.INGEST_MAX_AGE_SECURITY_SECONDS,
    transactional: config.INGEST_MAX_AGE_TRANSACTIONAL_SECONDS,
    promotional: config.INGEST_MAX_AGE_PROMOTIONAL_SECONDS,
  };
}
