import { Injectable } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import type { OptAction, OptSource } from '@herald/contracts';
import { MetricsRegistry } from '@herald/observability';
import type { Decision } from '../domain/decision';
import type { VelocityFlag } from '../domain/policies/pumping.policy';

type Stage = 'intake' | 'release';

@Injectable()
export class ComplianceMetrics {
  private readonly decisions: Counter<'stage' | 'outcome' | 'reason'>;
  private readonly queueDepth: Gauge;
  private readonly released: Counter<'outcome'>;
  private readonly expired: Counter;
  private readonly optEvents: Counter<'action' | 'source'>;
  private readonly velocity: Counter<'rule' | 'mode'>;

  constructor(metrics: MetricsRegistry) {
    this.decisions = metrics.counter('decisions_total', 'Compliance decisions by stage, outcome and reason code', [
      'stage',
      'outcome',
      'reason',
    ]);
    this.queueDepth = metrics.gauge(
      'deferred_queue_messages',
      'Messages waiting in the deferred queue (refreshed by the scheduler)',
    );
    this.released = metrics.counter(
      'deferred_released_total',
      'Deferred messages released by the scheduler, by the decision at release',
      ['outcome'],
    );
    this.expired = metrics.counter('deferred_expired_total', 'Deferred messages that reached their TTL before release');
    this.velocity = metrics.counter(
      'velocity_exceeded_total',
      'Messages over a pumping velocity rule, by rule and mode (monitor: sent anyway)',
      ['rule', 'mode'],
    );
    this.optEvents = metrics.counter('optout_events_applied_total', 'Opt-out/opt-in changes applied to the store', [
      'action',
      'source',
    ]);
  }

  decided(stage: Stage, d: Decision): void {
    const reason = d.outcome === 'approved' ? 'none' : d.outcome === 'deferred' ? 'QUIET_HOURS' : d.reasonCode;
    this.decisions.inc({ stage, outcome: d.outcome, reason });
    if (stage !== 'release') return;
    if (d.outcome === 'expired') this.expired.inc();
    else this.released.inc({ outcome: d.outcome });
  }

  velocityExceeded(flags: readonly VelocityFlag[]): void {
    for (const f of flags) this.velocity.inc({ rule: f.rule, mode: f.mode });
  }

  depth(n: number): void {
    this.queueDepth.set(n);
  }

  optApplied(changes: ReadonlyArray<{ action: OptAction; source: OptSource }>): void {
    for (const c of changes) this.optEvents.inc({ action: c.action, source: c.source });
  }
}
