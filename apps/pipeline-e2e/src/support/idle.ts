import type { Pipeline, ServiceName } from './pipeline';
import { scrape } from './metrics-scrape';

const SERVICES: ServiceName[] = ['event-ingest', 'templating', 'compliance', 'dispatch', 'receipts'];

/** Total consumer lag of each service's own group, from its lag gauge; undefined while it does not answer. */
async function lagOf(pipeline: Pipeline, service: ServiceName): Promise<number | undefined> {
  try {
    const samples = await scrape(
      pipeline.managementUrl(service, '/metrics'),
      `herald_${service.replace(/-/g, '_')}_kafka_consumer_lag_records`,
    );
    const own = samples.filter((s) => s.labels.group === service);
    return own.length === 0 ? undefined : own.reduce((n, s) => n + s.value, 0);
  } catch {
    return undefined;
  }
}

/**
 * Resolves once every service has consumed everything already in its topics (lag 0 on three
 * scrapes in a row): records earlier tests left on a shared broker must not be counted as a
 * scenario's. Throws with the lags it last saw after `ms`.
 */
export async function waitForIdle(pipeline: Pipeline, ms = 180000, everyMs = 1000): Promise<void> {
  const deadline = Date.now() + ms;
  let quiet = 0;
  let last: Array<[ServiceName, number | undefined]> = [];
  while (Date.now() < deadline) {
    last = await Promise.all(
      SERVICES.map(async (s): Promise<[ServiceName, number | undefined]> => [s, await lagOf(pipeline, s)]),
    );
    quiet = last.every(([, lag]) => lag === 0) ? quiet + 1 : 0;
    if (quiet >= 3) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(
    `the services did not catch up with their topics within ${ms / 1000} s: ${last.map(([s, lag]) => `${s} ${lag ?? 'no gauge'}`).join(', ')}`,
  );
}
