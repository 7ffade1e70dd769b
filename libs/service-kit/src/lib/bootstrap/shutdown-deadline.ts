import type { HeraldLogger } from '@herald/observability';

/**
 * Nest drains consumers and closes the server on SIGTERM; if something hangs past the deadline the
 * process exits anyway, because an orchestrator would SIGKILL it a little later regardless.
 */
export function installShutdownDeadline(timeoutMs: number, logger: HeraldLogger): void {
  const arm = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown deadline passed, exiting');
      logger.flush();
      process.exit(1);
    }, timeoutMs).unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}
