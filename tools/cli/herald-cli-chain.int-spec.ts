import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  CeHeader,
  DomainTopics,
  eventMessageIdFor,
  recipientTokenFor,
  Topics,
  type SmsReceiptV1,
  type SmsRequestedV1,
} from '@herald/contracts';
import { DlqHeader } from '@herald/kafka';
import {
  KafkaProbe,
  TEST_RECIPIENT_TOKEN_KEY,
  testEnv,
  uniqueId,
  waitFor,
  deleteGroups,
  startGroupAtEnd,
} from '@herald/testing';
// The real ingest, in-process: the message ids `publish` prints are the ones it gives the event.
import { startIngest, type IngestUnderTest } from '../../apps/event-ingest/src/spec-support/ingest-test-kit';
import { run } from './main';

// Issue 22 item 4 on the real broker: publish names its message ids, tail --message ends at the
// final state, a dry run says "would replay". (dlq list/replay themselves: herald-cli.int-spec.ts.)
describe('herald CLI chaining against the broker', () => {
  const probe = new KafkaProbe();
  const env = () => ({ KAFKA_BROKERS: process.env.KAFKA_BROKERS });

  async function herald(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(
      argv,
      env(),
      (l) => out.push(l),
      (l) => err.push(l),
    );
    return { code, out, err };
  }

  afterAll(() => probe.close());

  describe('publish names the message ids ingest gives the event', () => {
    // Ingest in a group of its own from the end of the domain topics, with order.placed sending two
    // notifications (two templates), so one event has two message ids on (maybe) two partitions.
    const group = uniqueId('cli-ingest-it');
    let ingest: IngestUnderTest;
    let dir: string;

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'herald-cli-it-'));
      const rulesFile = path.join(dir, 'rules.json');
      const rules = JSON.parse(
        fs.readFileSync(path.resolve(__dirname, '../../apps/event-ingest/rules/notification-rules.v1.json'), 'utf8'),
      ) as { events: Record<string, Array<Record<string, unknown>>> };
      rules.events['order.placed'] = [
        ...rules.events['order.placed'],
        { ...rules.events['order.placed'][0], templateKey: 'order.shipped' },
      ];
      fs.writeFileSync(rulesFile, JSON.stringify(rules));
      await startGroupAtEnd(probe.client, group, DomainTopics);
      ingest = await startIngest(testEnv({ INGEST_RULES_FILE: rulesFile }), group);
    });
    afterAll(async () => {
      await ingest?.app.close();
      await deleteGroups(probe.client, [group]);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('prints every message id of the event, equal to what ingest put on sms.requested.v1', async () => {
      const id = uniqueId('cli-ids');
      const from = await probe.endOffsets(Topics.SmsRequestedV1);
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
        '30',
      );
      expect(r).toMatchObject({ code: 0, err: [] });
      const printed = JSON.parse(r.out[0]) as { id: string; source: string; messageIds: string[] };
      const token = recipientTokenFor(TEST_RECIPIENT_TOKEN_KEY, '+33612345678');
      const expected = ['order.placed', 'order.shipped']
        .map((t) => eventMessageIdFor('herald-cli', id, t, token))
        .sort();
      expect(printed).toMatchObject({ id, source: 'herald-cli', messageIds: expected });
      const requested = await probe.collect(
        Topics.SmsRequestedV1,
        (m) => m.value !== null && (JSON.parse(m.value) as SmsRequestedV1).sourceEvent.id === id,
        2,
        30000,
        from,
      );
      expect(requested.map((m) => (JSON.parse(m.value!) as SmsRequestedV1).messageId).sort()).toEqual(expected);
    });

    it('--ids-only prints the ids alone, one per line, ready for tail --message', async () => {
      const id = uniqueId('cli-ids-only');
      const r = await herald(
        'publish',
        'order.placed',
        '--phone',
        '+33612345678',
        '--id',
        id,
        '--ids-only',
        '--wait',
        '30',
      );
      const token = recipientTokenFor(TEST_RECIPIENT_TOKEN_KEY, '+33612345678');
      expect(r).toEqual({
        code: 0,
        err: [],
        out: ['order.placed', 'order.shipped'].map((t) => eventMessageIdFor('herald-cli', id, t, token)).sort(),
      });
    });

    it('exits 1 naming the code when ingest dead-letters the event, and waits for nothing with --wait 0', async () => {
      const bad = await herald('publish', 'order.placed', '--phone', '12', '--skip-validation', '--wait', '30');
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.out[0])).toMatchObject({ deadLettered: { code: expect.any(String) } });
      expect(bad.err.join()).toMatch(/^herald: ingest dead-lettered the event: [A-Z_]+/);
      const quick = await herald('publish', 'order.placed', '--wait', '0');
      expect(quick.code).toBe(0);
      expect(JSON.parse(quick.out[0])).not.toHaveProperty('messageIds');
    });
  });

  describe('tail receipts --message', () => {
    function receipt(messageId: string, state: SmsReceiptV1['state'], isFinal: boolean): SmsReceiptV1 {
      return {
        schemaVersion: 1,
        messageId,
        sourceEventId: uniqueId('ev'),
        sourceEventType: 'order.placed',
        templateKey: 'order.placed',
        locale: 'fr-FR',
        category: 'transactional',
        country: 'FR',
        recipientToken: 'a'.repeat(64),
        state,
        isFinal,
        occurredAt: new Date().toISOString(),
      };
    }
    const publishReceipt = (r: SmsReceiptV1) => probe.publishEvent(Topics.SmsReceiptsV1, r, { key: r.messageId });

    it('exits 0 right after the final state of every named message, not before', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      await publishReceipt(receipt(a, 'submitted', false));
      await publishReceipt(receipt(b, 'submitted', false));
      const out: string[] = [];
      const err: string[] = [];
      let done = false;
      const tail = run(
        ['tail', 'receipts', '--message', `${a}\n${b}`, '--timeout', '90'],
        env(),
        (l) => out.push(l),
        (l) => err.push(l),
      ).finally(() => (done = true));
      await publishReceipt(receipt(a, 'delivered', true));
      // a is final, b is not: the tail has printed a's final receipt and goes on.
      await waitFor(
        'a final on the tail',
        async () => out.some((l) => l.includes(`delivered (final)\t${a}`)),
        60000,
        100,
      );
      await new Promise((r) => setTimeout(r, 1000));
      expect(done).toBe(false);
      const started = Date.now();
      await publishReceipt(receipt(b, 'suppressed', true));
      expect(await tail).toBe(0);
      expect(Date.now() - started).toBeLessThan(10000);
      expect(out.map((l) => l.split('\t').slice(1, 3).join(' ')).sort()).toEqual(
        [`delivered (final) ${a}`, `submitted ${a}`, `submitted ${b}`, `suppressed (final) ${b}`].sort(),
      );
      expect(err).toEqual(['4 receipt(s)']);
    });

    it('exits 1 when --timeout ends the wait before a final state, naming the message', async () => {
      const id = randomUUID();
      await publishReceipt(receipt(id, 'submitted', false));
      const r = await herald('tail', 'receipts', '--message', id, '--timeout', '20');
      expect(r.code).toBe(1);
      expect(r.err).toEqual([`1 receipt(s); no final state yet for ${id}`]);
    });
  });

  it('dlq replay --dry-run says "would replay N" and sends nothing; the real replay says "replayed N"', async () => {
    const marker = uniqueId('cli-dry');
    // A quiet topic: reading a busy DLQ from its start is slow.
    const topic = Topics.CustomerRegistered;
    const headers = {
      [CeHeader.id]: marker,
      [DlqHeader.code]: 'CONTRACT_VIOLATION',
      [DlqHeader.message]: 'dry run test',
      [DlqHeader.topic]: topic,
      [DlqHeader.partition]: '0',
      [DlqHeader.offset]: '0',
    };
    await probe.produceRaw(`${topic}.dlq`, [{ key: marker, value: JSON.stringify({ marker }), headers }]);
    const [dead] = await probe.collect(`${topic}.dlq`, (m) => m.key === marker, 1);
    const from = await probe.endOffsets(topic);

    const dry = await herald('dlq', 'replay', topic, '--offsets', `${dead.partition}:${dead.offset}`, '--dry-run');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out[0])).toMatchObject({ dryRun: true, wouldReplay: 1, byTopic: { [topic]: 1 } });
    expect(dry.err).toEqual([
      expect.stringMatching(/^would replay 1 of \d+ scanned \(customer\.registered: 1\); dry run, nothing sent$/),
    ]);
    expect([...dry.out, ...dry.err].join('\n')).not.toContain('replayed');
    await expect(probe.collect(topic, (m) => m.key === marker, 1, 3000, from)).rejects.toThrow(/found 0/);

    const real = await herald('dlq', 'replay', topic, '--offsets', `${dead.partition}:${dead.offset}`);
    expect(real.code).toBe(0);
    expect(JSON.parse(real.out[0])).toMatchObject({ replayed: 1 });
    expect(real.err).toEqual([expect.stringMatching(/^replayed 1 of \d+ scanned/)]);
    await probe.collect(topic, (m) => m.key === marker, 1, 30000, from);
  });
});
