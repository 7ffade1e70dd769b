import { Inject, Injectable } from '@nestjs/common';
import { HERALD_NAMESPACE, Topics, uuidv5, type CarrierInboundV1 } from '@herald/contracts';
import { OnTopic, type BatchContext, type ConsumedMessage } from '@herald/kafka';
import { CLOCK, type Clock } from '@herald/service-kit';
import { inboundReply, moTarget } from '../domain/inbound-reply';
import { RECEIPTS_OPTIONS, type ReceiptsOptions } from '../receipts.options';
import { ReceiptsMetrics } from '../application/receipts.metrics';

/**
 * carrier.inbound.v1: STOP/START/HELP keywords become opt state changes on sms.optouts.v1 (one per
 * brand of the number texted; STOPALL: all brands) and a reply through the pipeline on
 * sms.requested.v1. Any other text stays on the topic for the business.
 */
@Injectable()
export class CarrierInboundHandler {
  constructor(
    private readonly metrics: ReceiptsMetrics,
    @Inject(RECEIPTS_OPTIONS) private readonly options: ReceiptsOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnTopic(Topics.CarrierInboundV1)
  async handle(batch: ConsumedMessage<CarrierInboundV1>[], ctx: BatchContext): Promise<void> {
    const now = this.clock.now();
    const { keywords, brands } = this.options;
    for (const message of batch) {
      const mo = message.payload;
      const match = keywords.match(mo.text, mo.recipient.country);
      this.metrics.inbound.inc({ class: match?.keywordClass ?? 'other' });
      if (!match) continue;
      const { optouts, reply } = inboundReply(mo, match, moTarget(brands, mo.to), now);
      for (const optout of optouts) {
        const id = uuidv5(
          `optout\u0000${mo.inboundId}\u0000${optout.recipientToken}\u0000${optout.brand}`,
          HERALD_NAMESPACE,
        );
        ctx.publish(Topics.SmsOptoutsV1, optout, { key: optout.recipientToken, parent: message, id });
      }
      ctx.publish(Topics.SmsRequestedV1, reply, { key: reply.recipient.token, parent: message, id: reply.messageId });
    }
  }
}
