import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HeraldError, Topics, type SmsRenderedV1 } from '@herald/contracts';
import { BatchContext, ORIGIN_TIME_HEADER, OnTopic, recordMessageSpan, type ConsumedMessage } from '@herald/kafka';
import { CLOCK, type Clock } from '@herald/service-kit';
import { DecideMessages } from '../application/decide-messages';
import { ComplianceMetrics } from '../adapters/compliance-metrics';
import {
  DeferredMessageRepository,
  type DeferredMessage,
  type ParentRecord,
} from '../adapters/deferred-message.repository';
import type { Decision } from '../domain/decision';

/** sms.rendered.v1 -> sms.approved.v1, or a suppressed/deferred/expired status on sms.status.v1. */
@Injectable()
export class SmsRenderedHandler {
  constructor(
    private readonly ds: DataSource,
    private readonly decide: DecideMessages,
    private readonly deferred: DeferredMessageRepository,
    private readonly metrics: ComplianceMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnTopic(Topics.SmsRenderedV1)
  async handle(batch: ConsumedMessage<SmsRenderedV1>[], ctx: BatchContext): Promise<void> {
    const now = this.clock.now();
    const started = Date.now();
    const { candidates, decisions, velocityFlags } = await this.decide.run(
      this.ds,
      batch.map((m) => m.payload),
      batch,
      ctx,
      { now, stage: 'intake' },
    );
    this.metrics.velocityExceeded(velocityFlags);

    const deferrals: DeferredMessage[] = [];
    decisions.forEach(
      (d, i) =>
        d.outcome === 'deferred' &&
        deferrals.push({ message: batch[i].payload, parent: parentOf(batch[i]), releaseAt: d.releaseAt }),
    );
    await this.deferred.insert(this.ds, deferrals);

    batch.forEach((m, i) => {
      recordMessageSpan(m, 'compliance decide', decisionAttributes(m.payload, decisions[i]), started);
      this.metrics.decided('intake', decisions[i]);
      // The status says INVALID_NUMBER; the DLQ keeps the record for whoever fixes the key setup.
      if (candidates[i].phone === undefined) {
        ctx.fail(
          m,
          new HeraldError('CONTRACT_VIOLATION', 'recipient.phoneEnc cannot be decrypted with PII_ENCRYPTION_KEYS'),
        );
      }
    });
  }
}

/** What the scheduler needs to continue the trace and the latency clock of a released message. */
function parentOf(m: ConsumedMessage<unknown>): ParentRecord {
  const origin = m.headers[ORIGIN_TIME_HEADER];
  return { attributes: m.attributes, headers: origin ? { [ORIGIN_TIME_HEADER]: origin } : {} };
}

/** What a trace shows of a decision: its outcome and reason code, never the number or the text. */
function decisionAttributes(message: SmsRenderedV1, d: Decision): Record<string, string> {
  const attributes: Record<string, string> = {
    'herald.message_id': message.messageId,
    'herald.compliance.outcome': d.outcome,
    'herald.sms.category': message.category,
  };
  if ('reasonCode' in d) attributes['herald.compliance.reason_code'] = d.reasonCode;
  return attributes;
}
