import pino, { type Logger } from 'pino';
import { maskLogText } from './mask-log-text';
import { maskLogValue } from './mask-log-value';

export type HeraldLogger = Logger;

/**
 * JSON logs on stdout, PII masked before anything is written: phone numbers keep their last two
 * digits, OTPs, bodies and secrets are redacted; timestamps, sizes and ids stay readable.
 * Destination writes are asynchronous so a burst of logs never blocks the event loop of a consumer.
 */
export function createLogger(service: string, level = 'info'): HeraldLogger {
  return pino(
    {
      level,
      base: { service },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (obj) => maskLogValue(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskLogText(a) : a)) as Parameters<typeof method>;
          return method.apply(this, masked);
        },
      },
    },
    pino.destination({ dest: 1, sync: false, minLength: 0 }),
  );
}
