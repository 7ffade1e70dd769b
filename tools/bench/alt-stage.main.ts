// One stage of the alternative as its own process: `node -r tools/runtime/register.js
// dist/tools/bench/alt-stage.main.js <stage 1..5> <groupId>` with KAFKA_BROKERS, DATABASE_URL and
// BENCH_SMPP_PORT. A @nestjs/microservices app on Transport.KAFKA with one @EventPattern handler
// per message (stage 5 has a second one for delivery receipts).
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, KafkaContext, Payload, Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { validateTopicPayload } from '@herald/contracts';
import { SmppSession, parseDeliverReceipt, type DeliverEvent } from '@herald/smpp';
import { ALT_DLR_TOPIC, RECEIPT_STAGE, STAGES, altReceipt, altTopic, type Stage, type StageDeps } from './alt-stages';

async function handleWith(
  stage: number,
  spec: Stage,
  deps: StageDeps,
  data: unknown,
  ctx: KafkaContext,
): Promise<void> {
  const message = ctx.getMessage();
  const eventId = String(message.headers?.ce_id ?? '');
  const valid = validateTopicPayload(spec.input, data);
  if (!valid.ok) {
    console.error(`stage ${stage}: invalid ${spec.input} record ${eventId}: ${JSON.stringify(valid.errors)}`);
    return;
  }
  const out = await spec.handle(valid.value as never, eventId, deps);
  if (!out) return;
  const headers = out.eventId ? { ...message.headers, ce_id: out.eventId } : message.headers;
  await ctx.getProducer().send({
    topic: altTopic(stage),
    acks: -1,
    messages: [{ key: out.key, value: JSON.stringify(out.value), headers }],
  });
}

/** Stage 4's receipts: each deliver_sm receipt is published (awaited) before it is acknowledged. */
function receiptPublisher(producer: Producer) {
  return async (deliver: DeliverEvent) => {
    if (!deliver.isReceipt) return;
    const dlr = parseDeliverReceipt(deliver);
    if (!dlr) return;
    const value = altReceipt(dlr.idNormalized, dlr.stat, dlr.err, `id:${dlr.id} stat:${dlr.stat}`);
    await producer.send({
      topic: ALT_DLR_TOPIC,
      acks: -1,
      messages: [{ key: dlr.idNormalized, value: JSON.stringify(value) }],
    });
  };
}

async function main(): Promise<void> {
  const stage = Number(process.argv[2]);
  const groupId = process.argv[3];
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  const spec = STAGES[stage];
  if (!spec) throw new Error(`unknown stage ${process.argv[2]} (1..5)`);
  const deps: StageDeps = { pool: new Pool({ connectionString: process.env.DATABASE_URL, max: 6 }) };
  let receiptProducer: Producer | undefined;
  if (stage === 4) {
    receiptProducer = new Kafka({ clientId: `${groupId}-dlr`, brokers, logLevel: logLevel.NOTHING }).producer({
      allowAutoTopicCreation: false,
    });
    await receiptProducer.connect();
    deps.smpp = new SmppSession();
    await deps.smpp.connect({
      host: '127.0.0.1',
      port: Number(process.env.BENCH_SMPP_PORT ?? 2775),
      systemId: 'herald',
      password: 'secret',
      windowSize: 10,
      onDeliver: receiptPublisher(receiptProducer),
    });
  }

  @Controller()
  class StageController {
    @EventPattern(altTopic(stage - 1))
    async handle(@Payload() data: unknown, @Ctx() ctx: KafkaContext): Promise<void> {
      await handleWith(stage, spec, deps, data, ctx);
    }
  }
  @Controller()
  class ReceiptController {
    @EventPattern(ALT_DLR_TOPIC)
    async handle(@Payload() data: unknown, @Ctx() ctx: KafkaContext): Promise<void> {
      await handleWith(stage, RECEIPT_STAGE, deps, data, ctx);
    }
  }
  @Module({ controllers: stage === 5 ? [StageController, ReceiptController] : [StageController] })
  class StageModule {}

  const app = await NestFactory.createMicroservice<MicroserviceOptions>(StageModule, {
    transport: Transport.KAFKA,
    logger: ['error'],
    options: {
      postfixId: '',
      client: { clientId: groupId, brokers, logLevel: logLevel.NOTHING },
      consumer: { groupId, allowAutoTopicCreation: false },
      producer: { allowAutoTopicCreation: false },
      run: { partitionsConsumedConcurrently: 3 },
    },
  });
  await app.listen();
  process.stdout.write('ready\n');
  const stop = async () => {
    await app.close();
    await deps.smpp?.close();
    await receiptProducer?.disconnect();
    await deps.pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
