import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@herald/observability';

export type WebhookOutcome =
  'accepted' | 'duplicate' | 'unmapped' | 'ignored' | 'dead_lettered' | 'unauthorized' | 'invalid' | 'ping' | 'consent';

// Topics come from verified webhooks only, but a shop can still subscribe to any of ~100 topics.
const MAX_TOPIC_LABELS = 100;

@Injectable()
export class SourceMetrics {
  readonly webhooks;
  private readonly topics = new Set<string>();

  constructor(m: MetricsRegistry) {
    this.webhooks = m.counter(
      'source_webhooks_total',
      'Platform webhooks on POST /v1/sources/:sourceId, by source, platform topic and outcome (unmapped: a topic the source does not map)',
      ['source', 'topic', 'outcome'],
    );
  }

  count(source: string, topic: string | undefined, outcome: WebhookOutcome): void {
    this.webhooks.inc({ source, topic: this.topicLabel(topic), outcome });
  }

  private topicLabel(topic: string | undefined): string {
    if (topic === undefined) return 'none';
    if (this.topics.has(topic)) return topic;
    if (this.topics.size >= MAX_TOPIC_LABELS || topic.length > 64) return 'other';
    this.topics.add(topic);
    return topic;
  }
}
