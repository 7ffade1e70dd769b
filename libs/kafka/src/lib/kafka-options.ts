export interface KafkaSecurityOptions {
  protocol: 'PLAINTEXT' | 'SSL' | 'SASL_SSL' | 'SASL_PLAINTEXT';
  username?: string;
  password?: string;
  /** PEM of a CA to trust when the broker's certificate is not from a public CA. */
  caPem?: string;
}

export interface RetryOptions {
  /** Attempts of a failing batch before its records are isolated and sent to the DLQ one by one. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** Backoff cap while a dependency (PostgreSQL, the broker) is unavailable: retried without limit. */
  blockedMaxDelayMs: number;
}

export interface KafkaOptions {
  /** Service name: the client id, the consumer group id and the `x-service` DLQ header. */
  service: string;
  brokers: string[];
  security?: KafkaSecurityOptions;
  partitionsConsumedConcurrently?: number;
  idempotentProducer?: boolean;
  retry?: Partial<RetryOptions>;
  /** Records larger than this go to the DLQ as PAYLOAD_TOO_LARGE without being parsed. */
  maxRecordBytes?: number;
  lagIntervalMs?: number;
  /**
   * PII_ENCRYPTION_KEYS (`id:base64[,...]`): every dead letter's value is encrypted under the first
   * key before it is sent. Required unless `consume` is false.
   */
  piiEncryptionKeys?: string;
  /** Set false for processes that only publish (CLI tools, the HTTP half of a service). */
  consume?: boolean;
  sessionTimeoutMs?: number;
  maxBytesPerPartition?: number;
  /** How often processed offsets are committed (also on rebalance and shutdown). */
  commitIntervalMs?: number;
  /** Fetch long poll: how long the broker may hold a fetch that has no record yet. */
  maxWaitTimeMs?: number;
  /**
   * Linger: with this set, the broker holds a fetch until `lingerMs` have passed or a large batch
   * (64 KB) is there, instead of answering on the first record. For consumers off the latency path
   * (receipts): at low rates each fetch then carries many records, one transaction for all of them.
   * It replaces `maxWaitTimeMs` as the long poll. Unset or 0: answer on the first record.
   */
  lingerMs?: number;
}

export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 8,
  initialDelayMs: 200,
  maxDelayMs: 5000,
  blockedMaxDelayMs: 30000,
};
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
export const DEFAULT_COMMIT_INTERVAL_MS = 1000;
