import { Injectable } from '@nestjs/common';
import { Topics, type CarrierReceiptV1 } from '@herald/contracts';
import { OnTopic, type ConsumedMessage } from '@herald/kafka';
import { ReceiptsMetrics } from '../application/receipts.metrics';
import { StateTransitionService } from '../application/state-transition.service';

/**
 * carrier.receipts.v1 (keyed by message id, else carrier message id): delivery reports from every
 * carrier, already in Herald's canonical states (dispatch's carrier plugins map each carrier's own
 * words); receipts knows no carrier vocabulary.
 */
@Injectable()
export class CarrierReceiptHandler {
  constructor(
    private readonly transitions: StateTransitionService,
    private readonly metrics: ReceiptsMetrics,
  ) {}

  @OnTopic(Topics.CarrierReceiptsV1)
  async handle(batch: ConsumedMessage<CarrierReceiptV1>[]): Promise<void> {
    await this.transitions.applyReceipts(batch);
    for (const message of batch) this.metrics.dlrs.inc({ state: message.payload.state });
  }
}
