import type { BrandRegistry } from '@herald/contracts';
import { StaticKeyRing, loadBrands } from '@herald/service-kit';
import rules from '../rules/keywords.v1.json';
import { parseKeywordRules } from './domain/keyword-rules';
import { KeywordMatcher } from './domain/keyword.matcher';
import type { PublishPolicy } from './domain/publish-policy';
import type { ReceiptsConfig } from './receipts.config';

export const RECEIPTS_OPTIONS = Symbol('RECEIPTS_OPTIONS');

/** Config specs parsed once at start-up; a bad spec stops the service with one line. */
export interface ReceiptsOptions {
  service: string;
  keywords: KeywordMatcher;
  /** HERALD_BRANDS_FILE: which brands an MO's destination number answers for. */
  brands: BrandRegistry;
  apiKeys: StaticKeyRing;
  dlrTimeoutMs: number;
  pendingTtlMs: number;
  sweepIntervalMs: number;
  publish: PublishPolicy;
}

export function receiptsOptions(config: ReceiptsConfig, service: string): ReceiptsOptions {
  return {
    service,
    keywords: new KeywordMatcher(parseKeywordRules(rules)),
    brands: loadBrands(config.HERALD_BRANDS_FILE),
    apiKeys: StaticKeyRing.parse(config.RECEIPTS_API_KEYS, 'RECEIPTS_API_KEYS'),
    dlrTimeoutMs: config.RECEIPTS_DLR_TIMEOUT_SECONDS * 1000,
    pendingTtlMs: config.RECEIPTS_PENDING_DLR_TTL_SECONDS * 1000,
    sweepIntervalMs: config.RECEIPTS_SWEEP_INTERVAL_MS,
    publish: config.RECEIPTS_PUBLISH,
  };
}
