import type { Request } from 'express';
import { ApiError, type BearerKeys, type KeyedRequest } from '@herald/service-kit';
import type { ApiKeyRecord } from '../adapters/api-keys.repository';
import type { ApiKeyAuthenticator } from '../application/api-key-authenticator';
import type { RawBodyRequest } from './raw-body.middleware';

export type AuthedRequest = RawBodyRequest & KeyedRequest<ApiKeyRecord>;

const addressOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * Event-ingest's keys behind BearerKeyGuard: 429 before any lookup for a client address that failed to
 * authenticate INGEST_AUTH_FAILURES_PER_MINUTE times this minute (key guessing), then, for a good key in
 * scope, 429 over the key's rate or its daily quota (QUOTA_EXCEEDED).
 */
export function ingestApiKeys(auth: ApiKeyAuthenticator): BearerKeys<ApiKeyRecord> {
  return {
    before: (req) => {
      const wait = auth.throttledFor(addressOf(req));
      if (wait !== undefined)
        throw new ApiError(
          429,
          'RATE_LIMITED',
          `too many failed authentications from this address; retry in ${wait} s`,
          [],
          { 'Retry-After': String(wait) },
        );
    },
    failed: (req) => auth.failedFrom(addressOf(req)),
    find: (presented) => auth.lookup(presented),
    admit: async (key) => {
      const rate = auth.take(key);
      if (!rate.allowed) {
        throw new ApiError(
          429,
          'RATE_LIMITED',
          `rate limit of ${key.rateLimitPerSecond} requests per second exceeded for this API key`,
          [],
          {
            'Retry-After': String(rate.retryAfterSeconds),
          },
        );
      }
      const quota = await auth.countAgainstQuota(key);
      if (!quota.allowed) {
        throw new ApiError(
          429,
          'QUOTA_EXCEEDED',
          `daily quota of ${quota.quota} requests for this API key exceeded; it resets at 00:00 UTC`,
          [],
          {
            'Retry-After': String(quota.retryAfterSeconds),
          },
        );
      }
    },
  };
}
