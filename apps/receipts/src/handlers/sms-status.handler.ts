import { Injectable } from '@nestjs/common';
import { Topics, type SmsStatusV1 } from '@herald/contracts';
import { OnTopic, recordMessageSpan, type BatchContext, type ConsumedMessage } from '@herald/kafka';
import { StateTransitionService } from '../application/state-transition.service';

/** sms.status.v1 (keyed by message id): every stage's transitions, in order per message. */
@Injectable()
export class SmsStatusHandler {
  constructor(private readonly transitions: StateTransitionService) {}

  @OnTopic(Topics.SmsStatusV1)
  async handle(batch: ConsumedMessage<SmsStatusV1>[], _ctx: BatchContext): Promise<void> {
    const started = Date.now();
    await this.transitions.applyStatuses(batch);
    for (const m of batch) {
      const attributes = {
        'herald.message_id': m.payload.messageId,
        'herald.status': m.payload.status,
        'herald.status.from_service': m.payload.service,
      };
      recordMessageSpan(
        m,
        'receipts apply status',
        m.payload.reasonCode ? { ...attributes, 'herald.status.reason_code': m.payload.reasonCode } : attributes,
        started,
      );
    }
  }
}
