import { Controller, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, KafkaContext, Payload, Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { Kafka, logLevel, type EachBatchPayload } from 'kafkajs';
import { Topics, decodeEnvelope, validateTopicPayload, type OrderPlacedV1 } from '@herald/contracts';
import { BatchContext, KafkaModule, OnTopic, type ConsumedMessage } from '@herald/kafka';
import { BaseServiceConfig, createServiceApp, kafkaOptionsFromConfig, loadConfig } from '@herald/service-kit';
import { benchStatus } from './bench-output';

export interface Contender {
  start(groupId: string, onOutput: (n: number) => void): Promise<() => Promise<void>>;
}

const headersOf = (h: Record<string, unknown> | undefined) =>
  Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));

/** The ceiling: kafkajs eachBatch, parse + validate, one sendBatch per batch, commit. No framework. */
export function rawKafkajs(brokers: string[]): Contender {
  return {
    async start(groupId, onOutput) {
      const kafka = new Kafka({ clientId: groupId, brokers, logLevel: logLevel.NOTHING });
      const producer = kafka.producer();
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
      await Promise.all([producer.connect(), consumer.connect()]);
      await consumer.subscribe({ topic: Topics.OrderPlaced });
      await consumer.run({
        partitionsConsumedConcurrently: 3,
        eachBatch: async ({ batch }: EachBatchPayload) => {
          const messages = batch.messages.map((m) => {
            const { attributes, data } = decodeEnvelope(headersOf(m.headers), m.value!.toString());
            validateTopicPayload(Topics.OrderPlaced, data);
            // A passthrough forwards the record's headers, as every hop must carry the envelope.
            return {
              key: attributes.id,
              value: JSON.stringify(benchStatus(attributes.id, groupId)),
              headers: m.headers,
            };
          });
          await producer.send({ topic: Topics.SmsStatusV1, acks: -1, messages });
          onOutput(messages.length);
        },
      });
      return async () => {
        await consumer.disconnect();
        await producer.disconnect();
      };
    },
  };
}

/** Herald's engine (libs/kafka), as every service runs it. */
export function heraldEngine(env: Record<string, string>): Contender {
  return {
    async start(groupId, onOutput) {
      @Injectable()
      class Passthrough {
        @OnTopic(Topics.OrderPlaced)
        async handle(batch: ConsumedMessage<OrderPlacedV1>[], ctx: BatchContext): Promise<void> {
          for (const m of batch)
            ctx.publish(Topics.SmsStatusV1, benchStatus(m.attributes.id, groupId), { key: m.attributes.id, parent: m });
          onOutput(batch.length);
        }
      }
      @Module({ providers: [Passthrough] })
      class PassthroughModule {}
      const config = loadConfig(BaseServiceConfig, { ...env, HTTP_PORT: '0', LOG_LEVEL: 'warn' });
      const app = await createServiceApp(
        {
          service: groupId,
          config: BaseServiceConfig,
          module: (c) => ({
            module: PassthroughModule,
            imports: [
              KafkaModule.forRoot(
                kafkaOptionsFromConfig(groupId, c, {
                  maxBytesPerPartition: Number(env.BENCH_MAX_BYTES_PER_PARTITION ?? 1048576),
                }),
              ),
            ],
          }),
        },
        config,
      );
      return () => app.close();
    },
  };
}

/** The obvious alternative: @nestjs/microservices' Kafka transport, one awaited handler per message. */
export function nestMicroservices(brokers: string[]): Contender {
  return {
    async start(groupId, onOutput) {
      @Controller()
      class NestPassthrough {
        @EventPattern(Topics.OrderPlaced)
        async handle(@Payload() data: unknown, @Ctx() ctx: KafkaContext): Promise<void> {
          const id = String(ctx.getMessage().headers?.ce_id ?? '');
          validateTopicPayload(Topics.OrderPlaced, data);
          await ctx.getProducer().send({
            topic: Topics.SmsStatusV1,
            acks: -1,
            messages: [{ key: id, value: JSON.stringify(benchStatus(id, groupId)) }],
          });
          onOutput(1);
        }
      }
      @Module({ controllers: [NestPassthrough] })
      class NestBenchModule {}
      const app = await NestFactory.createMicroservice<MicroserviceOptions>(NestBenchModule, {
        transport: Transport.KAFKA,
        logger: false,
        options: {
          postfixId: '',
          client: { clientId: groupId, brokers, logLevel: logLevel.NOTHING },
          consumer: { groupId },
          run: { partitionsConsumedConcurrently: 3 },
        },
      });
      await app.listen();
      return () => app.close();
    },
  };
}
