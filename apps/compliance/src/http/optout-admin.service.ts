import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics, type OptAction } from '@herald/contracts';
import { Publisher } from '@herald/kafka';
import { CLOCK, type Clock } from '@herald/service-kit';
import { ComplianceMetrics } from '../adapters/compliance-metrics';
import { OptOutRepository, type OptAuditEntry, type StoredOptOut } from '../adapters/optout.repository';

export interface OptOutView {
  recipientToken: string;
  states: Array<Omit<StoredOptOut, 'recipientToken'>>;
  audit: OptAuditEntry[];
}

@Injectable()
export class OptOutAdmin {
  constructor(
    private readonly ds: DataSource,
    private readonly optOuts: OptOutRepository,
    private readonly publisher: Publisher,
    private readonly metrics: ComplianceMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Stored here first (with the reason, which sms.optouts.v1 does not carry), then published so every
   * consumer sees it; when the change comes back from the topic its `at` is not newer, so it is not
   * applied or audited twice. A failed publish is a 503: the caller retries with a fresh change.
   */
  async change(
    recipientToken: string,
    brand: string,
    action: OptAction,
    actor: string,
    reason?: string,
  ): Promise<{ applied: boolean; at: string }> {
    const at = this.clock.now().toISOString();
    const applied = await this.optOuts.apply(this.ds, [
      { recipientToken, brand, action, source: 'api', actor, reason, at },
    ]);
    this.metrics.optApplied(applied);
    await this.publisher.publish(
      Topics.SmsOptoutsV1,
      { recipientToken, brand, action, source: 'api', actor, at },
      { key: recipientToken },
    );
    return { applied: applied.length > 0, at };
  }

  async view(recipientToken: string): Promise<OptOutView> {
    const [states, audit] = await Promise.all([
      this.optOuts.loadFor(this.ds, [recipientToken]),
      this.optOuts.audit(this.ds, recipientToken),
    ]);
    return { recipientToken, states: states.map(({ recipientToken: _t, ...s }) => s), audit };
  }
}
