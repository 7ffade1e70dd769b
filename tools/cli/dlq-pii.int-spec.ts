import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CeHeader,
  Topics,
  dlqTopicOf,
  newTraceparent,
  TRACEPARENT_HEADER,
  type SmsRequestedV1,
} from '@herald/contracts';
import { DlqHeader } from '@herald/kafka';
import {
  KafkaProbe,
  TEST_PII_KEYS,
  deadLetterValue,
  testEnv,
  uniqueId,
  type ProbeRecord,
  deleteGroups,
  startGroupAtEnd,
} from '@herald/testing';
import {
  PHONE_FORMS,
  PHONE_RAW,
  startIngest,
  type IngestUnderTest,
} from '../../apps/event-ingest/src/spec-support/ingest-test-kit';
import { repoRoot } from './repo-root';
import { run } from './main';

// Issue 19 item 5: a poison order.placed carrying a raw phone number rests encrypted in its DLQ,
// `herald dlq list` shows it masked, and `herald dlq replay` restores the exact bytes, which then
// flow. The event names a brand not yet configured (UNKNOWN_BRAND); the operator adds the brand,
// restarts ingest and replays.
const BRAND = 'maison-neuve';
const dir = mkdtempSync(path.join(tmpdir(), 'herald-dlq-pii-'));
const root = repoRoot();
const rules = JSON.parse(readFileSync(path.join(root, 'apps/event-ingest/rules/notification-rules.v1.json'), 'utf8'));
rules.events['order.placed'][0].brandPath = 'brand';
const rulesFile = path.join(dir, 'rules.json');
writeFileSync(rulesFile, JSON.stringify(rules));
const brands = JSON.parse(readFileSync(path.join(root, 'config/brands.v1.json'), 'utf8'));
const brandsFile = path.join(dir, 'brands.json');
brands.brands[BRAND] = {
  displayName: 'Maison Neuve',
  senders: ['MNeuve', '+12025550143', '+16135550143', '24273', '+16135550144', '36333'],
};
writeFileSync(brandsFile, JSON.stringify(brands));

const cliEnv = { KAFKA_BROKERS: process.env.KAFKA_BROKERS, PII_ENCRYPTION_KEYS: TEST_PII_KEYS };
async function herald(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    argv,
    cliEnv,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}
const inClear = (text: string) => PHONE_FORMS.filter((f) => text.includes(f));

describe('a dead-lettered order.placed at rest, listed and replayed (real broker)', () => {
  const probe = new KafkaProbe();
  const group = uniqueId('event-ingest-dlq-pii');
  let svc: IngestUnderTest | undefined;

  afterAll(async () => {
    await svc?.app.close();
    await deleteGroups(probe.client, [group]);
    await probe.close();
  });

  it('holds no phone digits in clear, lists them masked, and replays the exact original bytes, which then flow', async () => {
    await startGroupAtEnd(probe.client, group, [Topics.OrderPlaced]);
    svc = await startIngest(testEnv({ INGEST_RULES_FILE: rulesFile }), group);
    const id = uniqueId('evt-pii');
    const key = uniqueId('key-pii');
    const data = {
      orderId: id,
      brand: BRAND,
      customer: { id: 'c-9', firstName: 'Amélie', phone: PHONE_RAW, locale: 'fr-FR', country: 'FR' },
      total: { amount: '49.90', currency: 'EUR' },
    };
    // Spaced JSON and an accent: "exact" means the producer's bytes, not an equivalent document.
    const original = Buffer.from(JSON.stringify(data, null, 1), 'utf8');
    const [dlqFrom, requestedFrom] = await Promise.all([
      probe.endOffsets(dlqTopicOf(Topics.OrderPlaced)),
      probe.endOffsets(Topics.SmsRequestedV1),
    ]);
    const headers = {
      [CeHeader.id]: id,
      [CeHeader.type]: Topics.OrderPlaced,
      [CeHeader.source]: 'test/dlq-pii',
      [CeHeader.time]: new Date().toISOString(),
      [CeHeader.specversion]: '1.0',
      [TRACEPARENT_HEADER]: newTraceparent(),
      'content-type': 'application/json',
    };
    await probe.produceRaw(Topics.OrderPlaced, [{ key, value: original, headers }]);

    const [dead] = await probe.collect(
      dlqTopicOf(Topics.OrderPlaced),
      (r) => r.headers[CeHeader.id] === id && r.headers[DlqHeader.service] === group,
      1,
      60000,
      dlqFrom,
    );
    expect(dead.headers[DlqHeader.code]).toBe('UNKNOWN_BRAND');
    expect(dead.headers[DlqHeader.enc]).toBe(`aes-256-gcm:${TEST_PII_KEYS.split(':')[0]}`);
    expect(dead.key).toBe(key);
    expect(inClear(dead.bytes!.toString('latin1'))).toEqual([]);
    expect(inClear(JSON.stringify(dead.headers))).toEqual([]);
    expect(dead.bytes!.includes('Amélie')).toBe(false);
    expect(deadLetterValue(dead)).toBe(original.toString('utf8'));
    await svc.app.close();
    svc = undefined;

    const list = await herald(
      'dlq',
      'list',
      Topics.OrderPlaced,
      '--code',
      'UNKNOWN_BRAND',
      '--limit',
      '1000000',
      '--json',
    );
    expect(list.code).toBe(0);
    const mine = list.out
      .map(
        (l) =>
          JSON.parse(l) as {
            at: string;
            key: string;
            keyId: string;
            bytes: number;
            message: string;
            value: { customer: Record<string, string>; brand: string };
          },
      )
      .filter((d) => d.key === key);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      at: `${dead.partition}:${dead.offset}`,
      keyId: 't1',
      bytes: original.length,
      message: expect.stringContaining(BRAND),
    });
    expect(mine[0].value.customer).toMatchObject({ phone: '*********78', firstName: 'Amélie' });
    expect(mine[0].value.brand).toBe(BRAND);
    const text = await herald('dlq', 'list', Topics.OrderPlaced, '--code', 'UNKNOWN_BRAND', '--limit', '1000000');
    expect(text.out.find((l) => l.startsWith(`${mine[0].at}\t`))).toContain('"phone":"*********78"');
    expect(inClear([...list.out, ...text.out].join('\n'))).toEqual([]);

    const replayedFrom = await probe.endOffsets(Topics.OrderPlaced);
    const dry = await herald('dlq', 'replay', Topics.OrderPlaced, '--offsets', mine[0].at, '--dry-run');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out[0])).toMatchObject({ byTopic: { [Topics.OrderPlaced]: 1 } });
    await expect(probe.collect(Topics.OrderPlaced, (r) => r.key === key, 1, 3000, replayedFrom)).rejects.toThrow(
      /found 0/,
    );

    svc = await startIngest(testEnv({ INGEST_RULES_FILE: rulesFile, HERALD_BRANDS_FILE: brandsFile }), group);
    const replay = await herald('dlq', 'replay', Topics.OrderPlaced, '--offsets', mine[0].at);
    expect(replay.code).toBe(0);
    const [back] = await probe.collect(Topics.OrderPlaced, (r) => r.key === key, 1, 30000, replayedFrom);
    expect(back.bytes!.equals(original)).toBe(true);
    expect(back.headers).toMatchObject({
      [CeHeader.id]: id,
      'x-replayed-from': `${dlqTopicOf(Topics.OrderPlaced)}:${mine[0].at}`,
    });
    expect(back.headers[DlqHeader.enc]).toBeUndefined();

    const ours = (r: ProbeRecord) =>
      r.value !== null &&
      (JSON.parse(r.value) as SmsRequestedV1).sourceEvent.id === id &&
      (JSON.parse(r.value) as SmsRequestedV1).brand === BRAND;
    const [requested] = await probe.collect(Topics.SmsRequestedV1, ours, 1, 60000, requestedFrom);
    expect(JSON.parse(requested.value!)).toMatchObject({
      templateKey: 'order.placed',
      brand: BRAND,
      recipient: { country: 'FR' },
    });
    expect(inClear(requested.value!)).toEqual([]);
  }, 240000);
});
