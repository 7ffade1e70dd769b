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
const metrics = { produced: { inc: () => undefined } } as unknown as KafkaMetrics;

function publisher(options: Partial<KafkaOptions>): { publisher: Publisher; sent: ProducerBatch[] } {
  const sent: ProducerBatch[] = [];
  const producer = { connect: async () => undefined, sendBatch: async (b: ProducerBatch) => void sent.push(b), disconnect: async () => undefined };
  const kafka = { producer: () => producer } as unknown as Kafka;
  return { publisher: new Publisher(kafka, { service: 'spec', brokers: ['x:1'], ...options }, logger, metrics), sent };
}

describe('Publisher and dead letters', () => {
  it('encrypts every record bound for a .dlq topic, whoever built it, and leaves other topics alone', async () => {
    const { publisher: p, sent } = publisher({ piiEncryptionKeys: keys });
    const event = JSON.stringify({ customer: { phone: '+33612345678' } });
    await p.sendBatch([
      { topic: 'order.placed.dlq', key: Buffer.from('k'), value: Buffer.from(event), headers: { [DlqHeader.code]: 'INVALID_PHONE' } },
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
    expect(() => publisher({})).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('PII_ENCRYPTION_KEYS') }));
    const { publisher: p, sent } = publisher({ consume: false });
    await p.sendBatch([{ topic: 'sms.status.v1', key: 'm', value: '{}', headers: {} }]);
    expect(sent).toHaveLength(1);
    await expect(p.sendBatch([{ topic: 'order.placed.dlq', key: 'k', value: '{}', headers: {} }])).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(sent).toHaveLength(1);
  });
});
