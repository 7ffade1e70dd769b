import type { Kafka, ProducerBatch } from 'kafkajs';
import { PiiCipher } from '@herald/pii';
import { createLogger } from '@herald/observability';
import type { KafkaMetrics } from '../kafka-metrics';
import type { KafkaOptions } from '../kafka-options';
import { DlqHeader } from './dlq-record';
import { openDeadLetter } from './dlq-seal';
import { Publisher } from './publisher';

const keys = `k7:${Buffer.alloc(32, 7).toString('base64')}`;
const logger = createLogger('publisher-spec', 'silent');
const metrics = {
  produced: { inc: () => undefined },
  producerResets: { inc: () => undefined },
} as unknown as KafkaMetrics;

function publisher(options: Partial<KafkaOptions>): { publisher: Publisher; sent: ProducerBatch[] } {
  const sent: ProducerBatch[] = [];
  const producer = {
    connect: async () => undefined,
    sendBatch: async (b: ProducerBatch) => void sent.push(b),
    disconnect: async () => undefined,
  };
  const kafka = { producer: () => producer } as unknown as Kafka;
  return { publisher: new Publisher(kafka, { service: 'spec', brokers: ['x:1'], ...options }, logger, metrics), sent };
}

describe('Publisher and dead letters', () => {
  it('encrypts every record bound for a .dlq topic, whoever built it, and leaves other topics alone', async () => {
    const { publisher: p, sent } = publisher({ piiEncryptionKeys: keys });
    const event = JSON.stringify({ customer: { phone: '+33612345678' } });
    await p.sendBatch([
      {
        topic: 'order.placed.dlq',
        key: Buffer.from('k'),
        value: Buffer.from(event),
        headers: { [DlqHeader.code]: 'INVALID_PHONE' },
      },
      { topic: 'carrier.receipts.v1.dlq', key: 'c', value: '{"carrierMessageId":"c"}', headers: {} },
      { topic: 'sms.status.v1', key: 'm', value: '{"status":"failed"}', headers: {} },
    ]);
    const messages = Object.fromEntries(sent[0].topicMessages!.map((t) => [t.topic, t.messages[0]]));
    const dead = messages['order.placed.dlq'];
    expect(dead.headers).toMatchObject({ [DlqHeader.enc]: 'aes-256-gcm:k7', [DlqHeader.code]: 'INVALID_PHONE' });
    expect((dead.value as Buffer).includes('612345678')).toBe(false);
    expect(openDeadLetter(dead.value as Buffer, dead.headers!, PiiCipher.fromSpec(keys))?.toString()).toBe(event);
    expect(messages['carrier.receipts.v1.dlq'].headers).toMatchObject({ [DlqHeader.enc]: 'aes-256-gcm:k7' });
    expect(messages['sms.status.v1']).toEqual({ key: 'm', value: '{"status":"failed"}', headers: {} });
  });

  it('a consuming process without PII_ENCRYPTION_KEYS refuses to start; a publish-only one refuses only to dead-letter', async () => {
    expect(() => publisher({})).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('PII_ENCRYPTION_KEYS') }),
    );
    const { publisher: p, sent } = publisher({ consume: false });
    await p.sendBatch([{ topic: 'sms.status.v1', key: 'm', value: '{}', headers: {} }]);
    expect(sent).toHaveLength(1);
    await expect(
      p.sendBatch([{ topic: 'order.placed.dlq', key: 'k', value: '{}', headers: {} }]),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(sent).toHaveLength(1);
  });
});

describe('Publisher and a broker that refuses its idempotence state', () => {
  // kafkajs' error for it: a KafkaJSProtocolError with the broker's error type, possibly wrapped by its retrier.
  const outOfOrder = () =>
    Object.assign(new Error('The broker received an out of order sequence number'), {
      type: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
    });

  it('starts a new producer (new producer id) and sends the retried batch with it', async () => {
    const producers: Array<{ sent: ProducerBatch[]; disconnected: boolean }> = [];
    const kafka = {
      producer: () => {
        const me = { sent: [] as ProducerBatch[], disconnected: false };
        producers.push(me);
        const first = producers.length === 1;
        return {
          connect: async () => undefined,
          disconnect: async () => void (me.disconnected = true),
          sendBatch: async (b: ProducerBatch) => {
            if (first) throw Object.assign(new Error('retries exhausted'), { cause: outOfOrder() });
            me.sent.push(b);
          },
        };
      },
    } as unknown as Kafka;
    const p = new Publisher(kafka, { service: 'spec', brokers: ['x:1'], consume: false }, logger, metrics);
    const record = { topic: 'sms.status.v1', key: 'm', value: '{}', headers: {} };
    await expect(p.sendBatch([record])).rejects.toMatchObject({ code: 'BROKER_UNAVAILABLE' });
    expect(producers).toHaveLength(2);
    expect(producers[0].disconnected).toBe(true);
    await p.sendBatch([record]);
    expect(producers[1].sent).toHaveLength(1);
  });

  it('keeps its producer on other produce errors', async () => {
    let made = 0;
    const kafka = {
      producer: () => {
        made++;
        return {
          connect: async () => undefined,
          disconnect: async () => undefined,
          sendBatch: async () => {
            throw Object.assign(new Error('Request timed out'), { type: 'REQUEST_TIMED_OUT' });
          },
        };
      },
    } as unknown as Kafka;
    const p = new Publisher(kafka, { service: 'spec', brokers: ['x:1'], consume: false }, logger, metrics);
    await expect(p.sendBatch([{ topic: 'sms.status.v1', key: 'm', value: '{}', headers: {} }])).rejects.toMatchObject({
      code: 'BROKER_UNAVAILABLE',
    });
    expect(made).toBe(1);
  });
});
