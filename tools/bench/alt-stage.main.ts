// One stage of the alternative as its own process: `node -r tools/runtime/register.js
// dist/tools/bench/alt-stage.main.js <stage 1..5> <groupId>` with KAFKA_BROKERS and DATABASE_URL.
// A @nestjs/microservices app on Transport.KAFKA with one @EventPattern handler per message.
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, KafkaContext, Payload, Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { validateAs } from '@herald/contracts';
import { SmppSession } from '@herald/smpp';
import { STAGES, altTopic, type StageDeps } from './alt-stages';

async function main(): Promise<void> {
  const stage = Number(process.argv[2]);
  const groupId = process.argv[3];
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  const spec = STAGES[stage];
  const deps: StageDeps = { pool: new Pool({ connectionString: process.env.DATABASE_URL, max: 6 }) };
  if (stage === 4) {
    deps.smpp = new SmppSession();
    await deps.smpp.connect({ host: '127.0.0.1', port: 2775, systemId: 'herald', password: 'secret', windowSize: 10 });
  }

  @Controller()
  class StageController {
    @EventPattern(altTopic(stage - 1))
    async handle(@Payload() data: unknown, @Ctx() ctx: KafkaContext): Promise<void> {
      const message = ctx.getMessage();
      const eventId = String(message.headers?.ce_id ?? '');
      const valid = validateAs(spec.input, data);
      if (!valid.ok) {
        console.error(`stage ${stage}: invalid record ${eventId}: ${JSON.stringify(valid.errors)}`);
        return;
      }
      const out = await spec.handle(valid.value as never, eventId, deps);
      if (!out) return;
      await ctx.getProducer().send({ topic: altTopic(stage), acks: -1, messages: [{ key: out.key, value: JSON.stringify(out.value), headers: message.headers }] });
    }
  }
  @Module({ controllers: [StageController] })
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
    await deps.pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
