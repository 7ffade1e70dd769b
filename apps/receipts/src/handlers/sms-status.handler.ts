import { Injectable } from '@nestjs/common';
import { Topics, type SmsStatusV1 } from '@herald/contracts';
import { OnTopic, type BatchContext, type ConsumedMessage } from '@herald/kafka';
import { StateTransitionService } from '../services/state-transition.service';

/** sms.status.v1 (keyed by message id): every stage's transitions, in order per message. */
@Injectable()
export class SmsStatusHandler {
  constructor(private readonly transitions: StateTransitionService) {}

  @OnTopic(Topics.SmsStatusV1)
  async handle(batch: ConsumedMessage<SmsStatusV1>[], _ctx: BatchContext): Promise<void> {
    await this.transitions.applyStatuses(batch);
  }
}
