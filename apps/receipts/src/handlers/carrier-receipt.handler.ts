import { Inject, Injectable } from '@nestjs/common';
import { HeraldError, Topics, type CarrierReceiptV1 } from '@herald/contracts';
import { OnTopic, type BatchContext, type ConsumedMessage } from '@herald/kafka';
import { mapCarrierStat, statLabel } from '../domain/smpp-stat.mapper';
import { RECEIPTS_OPTIONS, type ReceiptsOptions } from '../receipts.options';
import { ReceiptsMetrics } from '../application/receipts.metrics';
import { StateTransitionService, type MappedDlr } from '../application/state-transition.service';

/**
 * carrier.receipts.v1 (keyed by carrier message id): DLRs from carrier adapters and from signed
 * webhooks. A stat we cannot map goes to the DLQ as DLR_UNPARSEABLE and changes nothing.
 */
@Injectable()
export class CarrierReceiptHandler {
  constructor(
    private readonly transitions: StateTransitionService,
    private readonly metrics: ReceiptsMetrics,
    @Inject(RECEIPTS_OPTIONS) private readonly options: ReceiptsOptions,
  ) {}

  @OnTopic(Topics.CarrierReceiptsV1)
  async handle(batch: ConsumedMessage<CarrierReceiptV1>[], ctx: BatchContext): Promise<void> {
    const mapped: MappedDlr[] = [];
    for (const message of batch) {
      const { rawStat, carrierId } = message.payload;
      const state = mapCarrierStat(rawStat, carrierId, this.options.acceptd);
      if (state) mapped.push({ message, state });
      else
        ctx.fail(
          message,
          new HeraldError('DLR_UNPARSEABLE', `stat "${rawStat}" from carrier ${carrierId} maps to no canonical state`),
        );
    }
    await this.transitions.applyReceipts(mapped);
    for (const message of batch) this.metrics.dlrs.inc({ raw_stat: statLabel(message.payload.rawStat) });
  }
}
