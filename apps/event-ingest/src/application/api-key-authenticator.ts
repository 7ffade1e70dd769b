import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HERALD_LOGGER, type HeraldLogger } from '@herald/observability';
import { CLOCK, SERVICE_CONFIG, type Clock } from '@herald/service-kit';
import { ApiKeysRepository, type ApiKeyRecord } from '../adapters/api-keys.repository';
import { hashApiKey, type ApiKeySeed } from '../domain/api-key';
import { AuthFailureThrottle } from '../domain/auth-failure-throttle';
import { judgeDailyQuota, utcDay, type QuotaDecision } from '../domain/daily-quota';
import { TokenBucketLimiter, type RateDecision } from '../domain/token-bucket';
import type { EventIngestConfig } from '../event-ingest.config';
import { API_KEY_SEEDS } from './tokens';

const MAX_CACHED = 10000;

/** Looks keys up by hash (cached briefly, misses too), applies per-key rate limits, seeds keys at start. */
@Injectable()
export class ApiKeyAuthenticator implements OnApplicationBootstrap {
  private readonly cache = new Map<string, { key: ApiKeyRecord | undefined; until: number }>();
  private readonly limiter: TokenBucketLimiter;
  private readonly failures: AuthFailureThrottle;

  constructor(
    private readonly keys: ApiKeysRepository,
    @Inject(API_KEY_SEEDS) private readonly seeds: ApiKeySeed[],
    @Inject(SERVICE_CONFIG) private readonly config: EventIngestConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
  ) {
    this.limiter = new TokenBucketLimiter(() => this.clock.now().getTime());
    this.failures = new AuthFailureThrottle(config.INGEST_AUTH_FAILURES_PER_MINUTE);
  }

  /** Seconds a client address must wait after too many failed authentications, else undefined. */
  throttledFor(address: string): number | undefined {
    return this.failures.retryAfter(address, this.clock.now().getTime());
  }

  failedFrom(address: string): void {
    this.failures.recordFailure(address, this.clock.now().getTime());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.keys.upsertByName(
      this.seeds.map((s) => ({
        name: s.name,
        keyHash: hashApiKey(s.plaintext),
        scopes: s.scopes,
        brands: s.brands,
        rateLimitPerSecond: this.config.INGEST_RATE_LIMIT_PER_SECOND,
      })),
    );
    if (this.seeds.length > 0)
      this.logger.info({ names: this.seeds.map((s) => s.name) }, 'API keys seeded from INGEST_API_KEYS');
  }

  /** The active key for a plaintext, or undefined for an unknown or revoked one. */
  async lookup(plaintext: string): Promise<ApiKeyRecord | undefined> {
    const hash = hashApiKey(plaintext);
    const now = this.clock.now().getTime();
    const cached = this.cache.get(hash);
    if (cached !== undefined && cached.until > now) return cached.key;
    const found = await this.keys.findByHash(hash);
    const key = found !== undefined && found.revokedAt === null ? found : undefined;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(hash, { key, until: now + this.config.INGEST_API_KEY_CACHE_SECONDS * 1000 });
    return key;
  }

  /** Counts the request against the key's daily quota (PostgreSQL, shared by replicas) and judges it. */
  async countAgainstQuota(key: ApiKeyRecord): Promise<QuotaDecision> {
    const now = this.clock.now();
    const usage = await this.keys.countRequest(key.id, utcDay(now));
    return judgeDailyQuota(usage.requests, usage.dailyQuota, this.config.INGEST_API_KEY_DAILY_QUOTA, now);
  }

  take(key: ApiKeyRecord): RateDecision {
    return this.limiter.take(key.id, key.rateLimitPerSecond);
  }
}
