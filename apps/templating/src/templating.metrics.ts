import { Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '@herald/observability';

/** herald_templating_* metrics, created once per process. */
@Injectable()
export class TemplatingMetrics {
  readonly rendered: Counter<'template' | 'locale' | 'encoding'>;
  readonly failures: Counter<'code'>;
  readonly segments: Histogram<'encoding'>;
  readonly cacheHits: Counter;
  readonly cacheMisses: Counter;
  readonly cacheReloads: Counter<'reason'>;
  readonly transliterated: Counter;

  constructor(metrics: MetricsRegistry) {
    this.rendered = metrics.counter(
      'messages_rendered_total',
      'Bodies rendered, by template key, template locale and encoding',
      ['template', 'locale', 'encoding'],
    );
    this.failures = metrics.counter(
      'render_failures_total',
      'sms.requested.v1 records that could not be rendered, by error code',
      ['code'],
    );
    this.segments = metrics.histogram(
      'message_segments',
      'Segments per rendered body',
      ['encoding'],
      [1, 2, 3, 4, 5, 6, 8, 10],
    );
    this.cacheHits = metrics.counter('template_cache_hits_total', 'Template lookups answered from memory');
    this.cacheMisses = metrics.counter(
      'template_cache_misses_total',
      'Template lookups that had to load the key from PostgreSQL',
    );
    this.cacheReloads = metrics.counter(
      'template_cache_reloads_total',
      'Cache invalidations and full reloads, by reason',
      ['reason'],
    );
    this.transliterated = metrics.counter('transliterated_messages_total', 'Bodies made GSM-7 by transliteration');
  }
}
