import { CeHeader, Topics } from '@herald/contracts';
import { DlqHeader, sealDeadLetter } from '@herald/kafka';
import { PiiCipher } from '@herald/pii';
import { KafkaProbe, TEST_PII_KEYS, uniqueId } from '@herald/testing';
import { run } from './main';

// `herald publish` and `herald dlq list|replay` against the real broker of the integration setup.
describe('herald CLI against the broker', () => {
  const probe = new KafkaProbe();
  const env = () => ({ KAFKA_BROKERS: process.env.KAFKA_BROKERS, PII_ENCRYPTION_KEYS: TEST_PII_KEYS });

  async function herald(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    return heraldWith(env(), ...argv);
  }

  async function heraldWith(
    environment: Record<string, string | undefined>,
    ...argv: string[]
  ): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(
      argv,
      environment,
      (l) => out.push(l),
      (l) => err.push(l),
    );
    return { code, out, err };
  }

  afterAll(() => probe.close());

  it('publish puts a binary-mode CloudEvent on the domain topic', async () => {
    const id = uniqueId('cli-publish');
    // --wait 0: this checks the record only (herald-cli-chain.int-spec.ts waits for ingest's message ids).
    const r = await herald(
      'publish',
      'order.placed',
      '--fixture',
      'valid/fr-minimal',
      '--phone',
      '+33612345678',
      '--id',
      id,
      '--wait',
      '0',
    );
    expect(r).toMatchObject({ code: 0, err: [] });
    const printed = JSON.parse(r.out[0]) as { topic: string; partition: number; offset: string };
    expect(printed).toMatchObject({ topic: Topics.OrderPlaced, id });
    const [record] = await probe.collect(Topics.OrderPlaced, (m) => m.headers[CeHeader.id] === id, 1);
    expect(record.headers).toMatchObject({
      [CeHeader.type]: 'order.placed',
      [CeHeader.source]: 'herald-cli',
      [CeHeader.specversion]: '1.0',
    });
    expect(JSON.parse(record.value ?? '{}').customer.phone).toBe('+33612345678');
    expect(`${record.partition}:${record.offset}`).toBe(`${printed.partition}:${printed.offset}`);
  });

  it('dlq list shows a dead letter by code, decrypted and masked, and dlq replay sends its exact bytes back to its topic', async () => {
    const marker = uniqueId('cli-dlq');
    const phone = '+33612345678';
    const value = JSON.stringify({
      marker,
      customer: { phone },
      otp: { code: '493817' },
      note: `call ${phone}, code 493817`,
    });
    // A quiet topic: reading a busy one (sms.status.v1 holds the bench's millions) from its start is slow.
    const topic = Topics.CustomerRegistered;
    // Written as a service's publisher writes a dead letter: the value encrypted under the PII key.
    const sealed = sealDeadLetter(
      {
        key: marker,
        value,
        headers: {
          [CeHeader.id]: marker,
          [DlqHeader.code]: 'CONTRACT_VIOLATION',
          [DlqHeader.message]: `bad record ${marker}`,
          [DlqHeader.topic]: topic,
          [DlqHeader.partition]: '0',
          [DlqHeader.offset]: '0',
          [DlqHeader.failedAt]: new Date().toISOString(),
          [DlqHeader.service]: 'herald-cli-test',
        },
      },
      PiiCipher.fromSpec(TEST_PII_KEYS),
    );
    await probe.produceRaw(`${topic}.dlq`, [
      { key: marker, value: sealed.value, headers: sealed.headers as Record<string, string> },
    ]);

    const list = await herald('dlq', 'list', topic, '--code', 'CONTRACT_VIOLATION', '--limit', '1000000', '--json');
    expect(list.code).toBe(0);
    const mine = list.out
      .map(
        (l) =>
          JSON.parse(l) as {
            at: string;
            code: string;
            message: string;
            key: string;
            bytes: number;
            keyId: string;
            value: unknown;
          },
      )
      .filter((d) => d.key === marker);
    expect(mine).toEqual([
      expect.objectContaining({
        code: 'CONTRACT_VIOLATION',
        message: `bad record ${marker}`,
        bytes: value.length,
        keyId: 't1',
      }),
    ]);
    expect(mine[0].value).toEqual({
      marker,
      customer: { phone: '*********78' },
      otp: '[redacted]',
      note: 'call *********78, code ******',
    });
    expect(list.out.join('\n')).not.toContain('612345678');
    expect(list.out.join('\n')).not.toContain('493817');

    const keyless = await heraldWith(
      { KAFKA_BROKERS: process.env.KAFKA_BROKERS },
      'dlq',
      'list',
      topic,
      '--code',
      'CONTRACT_VIOLATION',
      '--limit',
      '1000000',
      '--json',
    );
    const withoutKey = keyless.out
      .map((l) => JSON.parse(l) as { key: string; value: unknown })
      .find((d) => d.key === marker);
    expect(withoutKey?.value).toMatch(/^\[not shown: .*PII key "t1"/);
    expect(keyless.out.join('\n')).not.toContain('612345678');

    const other = await herald('dlq', 'list', topic, '--code', 'DB_UNAVAILABLE', '--limit', '1000000', '--json');
    expect(other.out.some((l) => l.includes(marker))).toBe(false);

    const from = await probe.endOffsets(topic);
    const dry = await herald('dlq', 'replay', topic, '--offsets', mine[0].at, '--dry-run');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out[0])).toMatchObject({ byTopic: { [topic]: 1 } });
    await expect(probe.collect(topic, (m) => m.key === marker, 1, 3000, from)).rejects.toThrow(/found 0/);

    const replay = await herald('dlq', 'replay', topic, '--offsets', mine[0].at);
    expect(replay.code).toBe(0);
    const [back] = await probe.collect(topic, (m) => m.key === marker, 1, 30000, from);
    expect(back.value).toBe(value);
    expect(back.headers['x-replayed-from']).toBe(`${topic}.dlq:${mine[0].at}`);
    expect(back.headers[DlqHeader.code]).toBeUndefined();
    expect(back.headers[DlqHeader.enc]).toBeUndefined();

    const refused = await heraldWith(
      { KAFKA_BROKERS: process.env.KAFKA_BROKERS },
      'dlq',
      'replay',
      topic,
      '--offsets',
      mine[0].at,
      '--dry-run',
    );
    expect(refused.code).toBe(1);
    expect(refused.err.join()).toMatch(/dead letter encrypted under PII key "t1"/);
  });

  it('a topic outside the registry is refused before anything is read', async () => {
    const r = await herald('dlq', 'list', 'sms.nope.v1');
    expect(r.code).toBe(2);
    expect(r.err.join()).toContain('needs a topic of the registry');
  });
});
