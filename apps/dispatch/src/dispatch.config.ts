import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { RecipientTokenServiceConfig } from '@herald/service-kit';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** Dispatch's environment on top of the shared keys; carriers themselves are data (DISPATCH_CARRIERS_FILE). */
export class DispatchConfig extends RecipientTokenServiceConfig {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  override HTTP_PORT = 3004;
  override MGMT_PORT = 9104;

  /** JSON file of carriers (see apps/dispatch/carriers/carriers.v1.json); relative to the working directory. */
  @IsString()
  @MinLength(1)
  DISPATCH_CARRIERS_FILE = 'apps/dispatch/carriers/carriers.v1.json';

  /** Password of the default SMPP carrier (named by `passwordEnv` in the carriers file). Dev default only. */
  @IsString()
  @MinLength(1)
  DISPATCH_SMPP_PASSWORD = 'secret';

  /** A second SMPP secret, for a backup carrier on another SMSC. */
  @IsOptional()
  @IsString()
  DISPATCH_SMPP_PASSWORD_2?: string;

  /** Bearer token of an HTTP aggregator carrier. */
  @IsOptional()
  @IsString()
  DISPATCH_HTTP_CARRIER_TOKEN?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  DISPATCH_ENQUIRE_LINK_MS = 30_000;

  /** submit_sm without submit_sm_resp after this long is timed out (then waited for as a late response). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  DISPATCH_SUBMIT_TIMEOUT_MS = 10_000;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  DISPATCH_RECONNECT_MIN_MS = 500;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(600_000)
  DISPATCH_RECONNECT_MAX_MS = 30_000;

  /** Consecutive transient failures that open a carrier's circuit. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DISPATCH_CIRCUIT_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DISPATCH_CIRCUIT_OPEN_MS = 5_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60_000)
  DISPATCH_THROTTLE_BACKOFF_MS = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60_000)
  DISPATCH_TRANSIENT_BACKOFF_MS = 250;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(600_000)
  DISPATCH_MAX_BACKOFF_MS = 10_000;

  /**
   * Where carriers reach this dispatch from outside: status callbacks are registered with the
   * providers as `<this>/v1/carriers/<carrier id>/status`, and Twilio signs that exact URL.
   */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'DISPATCH_PUBLIC_URL must be an http(s) URL' })
  DISPATCH_PUBLIC_URL = 'http://127.0.0.1:3004';

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  DISPATCH_HTTP_TIMEOUT_MS = 5_000;

  /** Extra tries of one HTTP submit on 5xx or no answer, with the same reference. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  DISPATCH_HTTP_RETRIES = 2;

  /** DLRs and MOs wait at most this long to be published together in one produce. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  DISPATCH_EVENT_FLUSH_MS = 5;

  /** Ledger results are written behind, at most this long after a submit ends. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  DISPATCH_LEDGER_FLUSH_MS = 10;

  /**
   * A `claimed` row (no submit written yet) stays with the process that claimed it this long; after
   * that another process may take it over and send it. Longer than any batch can take.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  DISPATCH_CLAIM_LEASE_MS = 120_000;

  /**
   * Longest a batch waits for a message that cannot go now (tokens, a window slot, a backoff):
   * past it the message is parked with its next attempt time and the partition moves on. A message
   * with no usable route at all is parked at once.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DISPATCH_MAX_BATCH_MS = 2_000;

  /** How often parked messages due for a retry are looked for (one claim statement per poll). */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(60_000)
  DISPATCH_PARK_POLL_MS = 500;

  /** Most parked messages released per poll. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  DISPATCH_PARK_BATCH = 200;

  /**
   * A `submitting` row untouched this long, whose process has not announced itself (every 5 s) for
   * as long, was left by a process that died mid-send: a live process reports it submitted (proven)
   * or ambiguous, checked every 5 s once its own heartbeats have gone through this long.
   */
  @Transform(toInt)
  @IsInt()
  @Min(10_000)
  @Max(86_400_000)
  DISPATCH_RECONCILE_AFTER_MS = 60_000;

  /**
   * How long a settled send_ledger row (submitted, failed, expired, ambiguous) is kept. It is what
   * stops a redelivered or re-approved message from being sent twice, and what DLRs are matched
   * against: at least the longest TTL (7 days) plus a redelivery margin; the default also covers the
   * topics' 14-day retention. Open rows (claimed, submitting, parked) are never pruned.
   */
  @Transform(toInt)
  @IsInt()
  @Min(8)
  @Max(3650)
  DISPATCH_LEDGER_RETENTION_DAYS = 15;

  /** dlr_seen (receipts already seen, for duplicate DLRs and for reconciling ambiguous sends): longer than the DLR timeout. */
  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(3650)
  DISPATCH_DLR_SEEN_RETENTION_DAYS = 7;
}

/** Config keys a carrier's `passwordEnv` may name: secrets are read through this class, never from process.env. */
export const CARRIER_SECRET_KEYS = [
  'DISPATCH_SMPP_PASSWORD',
  'DISPATCH_SMPP_PASSWORD_2',
  'DISPATCH_HTTP_CARRIER_TOKEN',
] as const;
