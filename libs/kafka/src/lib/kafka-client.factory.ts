import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { HeraldLogger } from '@herald/observability';
import type { KafkaOptions } from './kafka-options';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** One kafkajs client per process, logging through the masked service logger. */
export function createKafkaClient(options: KafkaOptions, logger: HeraldLogger): Kafka {
  const sec = options.security;
  const ssl = sec?.protocol === 'SSL' || sec?.protocol === 'SASL_SSL' ? (sec.caPem ? { ca: [sec.caPem] } : true) : false;
  const sasl: SASLOptions | undefined =
    sec?.protocol?.startsWith('SASL') && sec.username
      ? { mechanism: 'scram-sha-512', username: sec.username, password: sec.password ?? '' }
      : undefined;
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
