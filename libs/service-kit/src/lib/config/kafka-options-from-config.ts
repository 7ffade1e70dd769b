import type { KafkaOptions } from '@herald/kafka';
import type { BaseServiceConfig } from './base-service.config';

export function kafkaOptionsFromConfig(
  service: string,
  c: BaseServiceConfig,
  extra: Partial<KafkaOptions> = {},
): KafkaOptions {
  return {
    service,
    brokers: c.KAFKA_BROKERS.split(','),
    security: { protocol: c.KAFKA_SECURITY_PROTOCOL, username: c.KAFKA_SASL_USERNAME, password: c.KAFKA_SASL_PASSWORD },
    partitionsConsumedConcurrently: c.KAFKA_PARTITIONS_CONCURRENCY,
    idempotentProducer: c.KAFKA_IDEMPOTENT_PRODUCER,
    lagIntervalMs: c.KAFKA_LAG_INTERVAL_MS,
    retry: { blockedMaxDelayMs: c.KAFKA_BLOCKED_MAX_DELAY_MS },
    commitIntervalMs: c.KAFKA_COMMIT_INTERVAL_MS,
    maxWaitTimeMs: c.KAFKA_FETCH_MAX_WAIT_MS,
    sessionTimeoutMs: c.KAFKA_SESSION_TIMEOUT_MS,
    piiEncryptionKeys: c.PII_ENCRYPTION_KEYS,
    ...extra,
  };
}
