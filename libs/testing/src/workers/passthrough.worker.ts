// A one-hop service for engine tests: order.placed in, sms.status.v1 out, on the real broker.
// Run as a separate process so a test can SIGKILL it mid-batch.
import { Injectable, Module } from '@nestjs/common';
import { Topics, statusMetaOf, uuidv5, HERALD_NAMESPACE, type OrderPlacedV1 } from '@herald/contracts';
import { BatchContext, KafkaModule, OnTopic, type ConsumedMessage } from '@herald/kafka';
import { BaseServiceConfig, bootstrapService, kafkaOptionsFromConfig } from '@herald/service-kit';

const service = process.env.WORKER_SERVICE ?? 'test-passthrough';
const delayMs = Number(process.env.WORKER_DELAY_MS ?? '0');

@Injectable()
class PassthroughHandler {
  @OnTopic(Topics.OrderPlaced)
  async handle(batch: ConsumedMessage<OrderPlacedV1>[], ctx: BatchContext): Promise<void> {
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    for (const m of batch) {
      ctx.publish(
        Topics.SmsStatusV1,
        {
          messageId: uuidv5(m.attributes.id, HERALD_NAMESPACE),
          status: 'accepted',
          service,
          at: new Date().toISOString(),
          meta: statusMetaOf({
            sourceEvent: m.attributes,
            templateKey: 'order_placed',
            locale: 'en',
            category: 'transactional',
            recipient: { country: 'FR', token: 'a'.repeat(64) },
          }),
        },
        { key: m.attributes.id, parent: m },
      );
    }
  }
}

@Module({ providers: [PassthroughHandler] })
class PassthroughModule {}

void bootstrapService({
  service,
  config: BaseServiceConfig,
  module: (config) => ({
    module: PassthroughModule,
    imports: [KafkaModule.forRoot(kafkaOptionsFromConfig(service, config))],
  }),
});
