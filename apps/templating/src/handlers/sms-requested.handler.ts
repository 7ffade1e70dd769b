import { Injectable } from '@nestjs/common';
import { Topics, type SmsRequestedV1 } from '@herald/contracts';
import { BatchContext, OnTopic, traceMessage, type ConsumedMessage } from '@herald/kafka';
import { TemplateCache } from '../adapters/template-cache';
import { SmsRenderer } from '../application/sms-renderer.service';

@Injectable()
export class SmsRequestedHandler {
  constructor(
    private readonly cache: TemplateCache,
    private readonly renderer: SmsRenderer,
  ) {}

  /** Templates of the whole batch are fetched at once; each record then renders without I/O. */
  @OnTopic(Topics.SmsRequestedV1)
  async handle(batch: ConsumedMessage<SmsRequestedV1>[], ctx: BatchContext): Promise<void> {
    const lookup = await this.cache.lookupFor(batch.map((m) => m.payload.templateKey));
    for (const message of batch) {
      const request = message.payload;
      const attributes = {
        'herald.message_id': request.messageId,
        'herald.template_key': request.templateKey,
        'herald.locale': request.locale,
      };
      const outcome = traceMessage(message, 'templating render', attributes, (span) => {
        const result = this.renderer.render(request, lookup);
        if (result.ok)
          span?.setAttributes({
            'herald.sms.encoding': result.rendered.encoding,
            'herald.sms.segments': result.rendered.segments,
            'herald.template_version': result.rendered.templateVersion,
          });
        else span?.setAttribute('herald.error_code', result.error.code);
        return result;
      });
      if (outcome.ok) {
        ctx.publish(Topics.SmsRenderedV1, outcome.rendered, {
          key: request.recipient.token,
          parent: message,
          subject: request.messageId,
        });
      } else {
        ctx.fail(message, outcome.error);
        ctx.publish(Topics.SmsStatusV1, outcome.status, {
          key: request.messageId,
          parent: message,
          subject: request.messageId,
        });
      }
    }
  }
}
