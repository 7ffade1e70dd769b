import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import { HeraldError } from '@herald/contracts';
import type { HeraldLogger } from '@herald/observability';
import type { KafkaOptions, KafkaSecurityOptions } from './kafka-options';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** SCRAM-SHA-512 for the SASL protocols; a SASL protocol without both credentials is refused, never dropped. */
export function saslOptionsOf(sec: KafkaSecurityOptions | undefined): SASLOptions | undefined {
  if (!sec?.protocol.startsWith('SASL')) return undefined;
  if (!sec.username || !sec.password) {
    const missing = [!sec.username && 'username', !sec.password && 'password'].filter(Boolean).join(' and ');
    throw new HeraldError(
      'CONFIG_INVALID',
      `Kafka security protocol ${sec.protocol} needs a SASL username and password; missing: ${missing}`,
    );
  }
  return { mechanism: 'scram-sha-512', username: sec.username, password: sec.password };
}

/** One kafkajs client per process, logging through the masked service logger. */
export function createKafkaClient(options: KafkaOptions, logger: HeraldLogger): Kafka {
  const sec = options.security;
  const ssl =
    sec?.protocol === 'SSL' || sec?.protocol === 'SASL_SSL' ? (sec.caPem ? { ca: [sec.caPem] } : true) : false;
  const sasl = saslOptionsOf(sec);
  return new Kafka({
    clientId: options.service,
    brokers: options.brokers,
    ssl,
    sasl,
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        logger[LEVELS[level] ?? 'info']({ kafka: extra }, `kafkajs: ${message}`);
      },
  });
}
