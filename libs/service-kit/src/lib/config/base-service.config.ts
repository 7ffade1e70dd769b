import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, Validate } from 'class-validator';
import { OTLP_PROTOCOLS, TRACE_SAMPLERS } from '@herald/observability';
import { DiffersFromHttpPort } from './differs-from-http-port';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : value === true || value === 'true' || value === '1';

/**
 * The keys every service reads. A service's own config class extends this one, so a key means the
 * same thing everywhere and `.env.example` lists each key once.
 */
export class BaseServiceConfig {
  @IsString()
  @Matches(/^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS = '127.0.0.1:19092';

  @IsOptional()
  @IsIn(['PLAINTEXT', 'SSL', 'SASL_SSL', 'SASL_PLAINTEXT'])
  KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' | 'SSL' | 'SASL_SSL' | 'SASL_PLAINTEXT' = 'PLAINTEXT';

  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  /** Partition batches taken at once; those of one topic are joined into one handler call. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  KAFKA_PARTITIONS_CONCURRENCY = 32;

  @Transform(toBool)
  @IsBoolean()
  KAFKA_IDEMPOTENT_PRODUCER = true;

  /** Processed offsets are committed this often (and on rebalance and shutdown), not after every batch. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60000)
  KAFKA_COMMIT_INTERVAL_MS = 1000;

  /**
   * Fetch long poll; with minBytes 1 it adds no latency, it only sets how often an idle consumer
   * asks (and how long a stop or a rebalance may wait for the fetch in flight).
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(10000)
  KAFKA_FETCH_MAX_WAIT_MS = 500;

  /** Backoff cap while PostgreSQL or the broker is unavailable: the batch is retried without limit, never dead-lettered. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  KAFKA_BLOCKED_MAX_DELAY_MS = 30000;

  /**
   * How long the group coordinator waits for a silent member (a crashed process) before it hands its
   * partitions to the others; heartbeats go every 3 s, also while a batch waits on a dependency.
   */
  @Transform(toInt)
  @IsInt()
  @Min(6000)
  @Max(300000)
  KAFKA_SESSION_TIMEOUT_MS = 30000;

  /** How often the consumer lag and lag-age gauges are refreshed from the broker. */
  @Transform(toInt)
  @IsInt()
  @Min(250)
  @Max(300000)
  KAFKA_LAG_INTERVAL_MS = 15000;

  @IsString()
  @Matches(/^postgres(ql)?:\/\/[^\s/]+\/[\w-]+(\?.*)?$/, {
    message: 'DATABASE_URL must look like postgres://user@host:5432/dbname',
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/herald';

  @Transform(toBool)
  @IsBoolean()
  DB_MIGRATE_ON_START = true;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT = 0;

  @IsString()
  @Matches(/^127\.|^0\.0\.0\.0$|^::1?$|^[\w.-]+$/)
  HTTP_HOST = '127.0.0.1';

  /** /health/live, /health/ready and /metrics listen here, never on HTTP_PORT; each service sets its default. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  @Validate(DiffersFromHttpPort)
  MGMT_PORT = 0;

  /** Unset = HTTP_HOST. In k8s 0.0.0.0: kubelet probes and Prometheus reach the pod address. */
  @IsOptional()
  @IsString()
  @Matches(/^127\.|^0\.0\.0\.0$|^::1?$|^[\w.-]+$/)
  MGMT_HOST?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `id:base64(32 bytes)[,id:base64...]`; the first key encrypts. */
  @IsString()
  @Matches(/^[\w-]+:[A-Za-z0-9+/=]{43,44}(,[\w-]+:[A-Za-z0-9+/=]{43,44})*$/, {
    message: 'PII_ENCRYPTION_KEYS must be id:base64(32 bytes)[,id:base64...]',
  })
  PII_ENCRYPTION_KEYS: string;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(120000)
  SHUTDOWN_TIMEOUT_MS = 15000;

  // Tracing: the OpenTelemetry SDK reads these itself (startTracing); they are declared here so a
  // bad value stops the service at start with one line instead of being ignored.
  /** OTLP/HTTP collector base URL (spans go to `<url>/v1/traces`); unset = tracing off. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, {
    message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL such as http://otel-collector:4318',
  })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** Full URL for spans, instead of `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, {
    message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http(s) URL such as http://otel-collector:4318/v1/traces',
  })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  @IsOptional()
  @IsIn([...OTLP_PROTOCOLS])
  OTEL_EXPORTER_OTLP_PROTOCOL?: string;

  /** Default `parentbased_traceidratio`: a root trace is kept with OTEL_TRACES_SAMPLER_ARG's probability, the rest follow their parent. */
  @IsOptional()
  @IsIn([...TRACE_SAMPLERS])
  OTEL_TRACES_SAMPLER?: string;

  /** Ratio of the ratio samplers, 0..1. */
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(1)
  OTEL_TRACES_SAMPLER_ARG = 1;

  /** The brands Herald sends for and their senders (JSON, validated at start); see docs/compliance.md. */
  @IsString()
  @Matches(/^\S+\.json$/, { message: 'HERALD_BRANDS_FILE must be the path of a .json file' })
  HERALD_BRANDS_FILE = 'config/brands.v1.json';

  /** Defaults to the service name. */
  @IsOptional()
  @IsString()
  OTEL_SERVICE_NAME?: string;

  /** Pause between two rounds of the retention pruner (each service's per-table ages are its own keys). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  RETENTION_INTERVAL_MS = 60_000;

  /** Rows per DELETE statement: small, so no statement holds locks or the disk for long. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(100_000)
  RETENTION_BATCH_SIZE = 1000;

  /** Pause between two DELETE batches of one round. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  RETENTION_PAUSE_MS = 100;

  /** Batches per table per round; a backlog beyond it waits for the next round. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  RETENTION_MAX_BATCHES = 100;
}
