import type { KafkaMetrics } from '../kafka-metrics';
import { ORIGIN_TIME_HEADER } from '../publish/outbound-record';
import type { ConsumedMessage } from './consumed-message';

/** Seconds from the business event entering Herald to this stage consuming it. */
export function observeStageLatency(
  metrics: KafkaMetrics,
  topic: string,
  messages: ConsumedMessage<unknown>[],
  now = Date.now(),
): void {
  for (const m of messages) {
    const origin = Date.parse(m.headers[ORIGIN_TIME_HEADER] ?? m.attributes.time);
    if (Number.isFinite(origin)) metrics.stageLatency.observe({ topic }, Math.max(0, now - origin) / 1000);
  }
}
