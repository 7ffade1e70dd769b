import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics, type SmsOptoutV1 } from '@herald/contracts';
import { OnTopic, type ConsumedMessage } from '@herald/kafka';
import { ComplianceMetrics } from '../adapters/compliance-metrics';
import { OptOutRepository } from '../adapters/optout.repository';
import { latestOptEvents } from '../domain/policies/opt-out.policy';

/** sms.optouts.v1 (compacted): keeps the opt-out store current; a change older than the stored one is ignored. */
@Injectable()
export class SmsOptoutsHandler {
  constructor(
    private readonly ds: DataSource,
    private readonly optOuts: OptOutRepository,
    private readonly metrics: ComplianceMetrics,
  ) {}

  @OnTopic(Topics.SmsOptoutsV1)
  async handle(batch: ConsumedMessage<SmsOptoutV1>[]): Promise<void> {
    const changes = latestOptEvents(batch.map((m) => m.payload)).map((e) => ({
      recipientToken: e.recipientToken,
      brand: e.brand,
      action: e.action,
      source: e.source,
      keyword: e.keyword,
      actor: e.actor,
      at: e.at,
    }));
    this.metrics.optApplied(await this.optOuts.apply(this.ds, changes));
  }
}
