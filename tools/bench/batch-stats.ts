// What each Herald consumer handled in a phase, from its own metrics: records consumed per topic
// and the mean records per handled batch (small batches mean per-batch costs are paid per message).
import { samplesOf } from '../../apps/pipeline-e2e/src/support/metrics-scrape';
import { prefixOf } from '../ops-checks/declared-metrics';

export interface TopicBatches {
  service: string;
  topic: string;
  records: number;
  batches: number;
}

/** Cumulative batch counters of every service, keyed `service topic`. */
export async function snapshotBatches(urls: Record<string, string>): Promise<Map<string, TopicBatches>> {
  const out = new Map<string, TopicBatches>();
  await Promise.all(
    Object.entries(urls).map(async ([service, url]) => {
      const text = await fetch(url).then(
        (r) => r.text(),
        () => '',
      );
      const metric = `${prefixOf(service)}kafka_batch_size_records`;
      const counts = samplesOf(text, `${metric}_count`);
      const sums = new Map(samplesOf(text, `${metric}_sum`).map((s) => [s.labels.topic, s.value]));
      for (const c of counts)
        out.set(`${service} ${c.labels.topic}`, {
          service,
          topic: c.labels.topic,
          records: sums.get(c.labels.topic) ?? 0,
          batches: c.value,
        });
    }),
  );
  return out;
}

/** What happened between two snapshots, busiest topic first. */
export function batchesBetween(before: Map<string, TopicBatches>, after: Map<string, TopicBatches>): TopicBatches[] {
  return [...after.entries()]
    .map(([k, a]) => ({
      ...a,
      records: a.records - (before.get(k)?.records ?? 0),
      batches: a.batches - (before.get(k)?.batches ?? 0),
    }))
    .filter((t) => t.batches > 0)
    .sort((x, y) => y.records - x.records);
}
