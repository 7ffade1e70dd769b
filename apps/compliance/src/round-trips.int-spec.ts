import type { INestApplication } from '@nestjs/common';
import { BatchContext, type ConsumedMessage, type OutboundRecord } from '@herald/kafka';
import { Topics, type SmsRenderedV1 } from '@herald/contracts';
import { KafkaProbe, TEST_PII_KEYS, TEST_RECIPIENT_TOKEN_KEY, testEnv } from '@herald/testing';
import { DataSource } from 'typeorm';
import { CapCounterRepository } from './adapters/cap-counter.repository';
import { ConsentRepository } from './adapters/consent.repository';
import { OptOutRepository } from './adapters/optout.repository';
import { PolicyStateReader } from './adapters/policy-state.reader';
import { SmsRenderedHandler } from './handlers/sms-rendered.handler';
import { ComplianceTestKit, randomMobile, writeRules } from './spec-support/compliance-test-kit';

// node-postgres sends each Client#query as one exchange with the server (a simple query, or
// parse/bind/execute/sync in one flush), so counting calls counts round trips.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pg = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };

async function roundTripsOf(run: () => Promise<void>): Promise<{ count: number; named: number; texts: string[] }> {
  const original = pg.Client.prototype.query;
  const texts: string[] = [];
  let named = 0;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; name?: string };
    if (typeof first === 'object' && first?.name) named += 1;
    texts.push((typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').trim().slice(0, 60));
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    pg.Client.prototype.query = original;
  }
  return { count: texts.length, named, texts };
}

const rulesFile = writeRules((r) => {
  r.quietHours = [];
  r.frequencyCaps = [{ name: 'tx-hourly', categories: ['transactional'], limit: 5, windowSeconds: 3600 }];
});

describe('compliance PostgreSQL round trips per batch (real database)', () => {
  const probe = new KafkaProbe();
  const kit = new ComplianceTestKit({
    probe,
    piiKeys: TEST_PII_KEYS,
    tokenKey: TEST_RECIPIENT_TOKEN_KEY,
    env: testEnv,
  });
  let app: INestApplication;
  let handler: SmsRenderedHandler;

  beforeAll(async () => {
    // The scheduler stays quiet for the test's duration: only the handler's statements are counted.
    app = await kit.start(await kit.freshGroup(), rulesFile, { COMPLIANCE_SCHEDULER_INTERVAL_MS: '60000' });
    handler = app.get(SmsRenderedHandler);
  });
  afterAll(async () => {
    await app?.close();
    await probe.close();
  });

  const asConsumed = (m: SmsRenderedV1, i: number): ConsumedMessage<SmsRenderedV1> => ({
    topic: Topics.SmsRenderedV1,
    partition: 0,
    offset: String(i),
    key: m.recipient.token,
    headers: {},
    attributes: {
      id: m.messageId,
      type: Topics.SmsRenderedV1,
      source: 'test',
      time: new Date().toISOString(),
      specversion: '1.0',
    },
    payload: m,
    timestamp: Date.now(),
  });
  const handle = async (size: number): Promise<BatchContext> => {
    const ctx = new BatchContext(
      (topic, payload) => ({ topic, payload }) as unknown as OutboundRecord,
      async () => undefined,
    );
    await handler.handle(
      Array.from({ length: size }, (_, i) => asConsumed(kit.rendered(randomMobile()), i)),
      ctx,
    );
    return ctx;
  };

  it.each([1, 50])(
    'decides a batch of %i approved messages in 2 prepared round trips (was 4 unprepared): one read of opt-outs, consents and caps, one cap write',
    async (size) => {
      await handle(size); // warm: pool connections open, statements prepared
      let ctx!: BatchContext;
      const trips = await roundTripsOf(async () => {
        ctx = await handle(size);
      });
      expect(
        ctx.outputs.filter((o) => (o as unknown as { topic: string }).topic === Topics.SmsApprovedV1),
      ).toHaveLength(size);
      process.stdout.write(
        `compliance round trips for a batch of ${size}: ${trips.count} (${trips.texts.join(' | ')})\n`,
      );
      expect(trips).toMatchObject({ count: 2, named: 2 });
    },
  );

  it("reads in one statement exactly what the three separate reads return, and sees a transaction's own writes", async () => {
    const ds = app.get(DataSource);
    const [optOuts, consents, caps, reader] = [
      app.get(OptOutRepository),
      app.get(ConsentRepository),
      app.get(CapCounterRepository),
      app.get(PolicyStateReader),
    ];
    const [a, b, c] = [randomMobile(), randomMobile(), randomMobile()].map((p) => kit.tokenOf(p));
    const at = '2026-03-01T10:00:00.123Z';
    await optOuts.apply(ds, [
      { recipientToken: a, brand: 'maison-durand', action: 'opt_out', source: 'sms', keyword: 'STOP', at },
      { recipientToken: b, brand: '*', action: 'opt_in', source: 'api', actor: 'ops', at },
    ]);
    const grant = {
      brand: 'maison-durand',
      legalBasis: 'consent',
      source: 'web-form',
      grantedAt: at,
      recordedBy: 'it',
    };
    await consents.grant(ds, { ...grant, recipientToken: a, purpose: 'marketing' });
    await consents.grant(ds, { ...grant, recipientToken: a, purpose: 'marketing' });
    const revoked = await consents.grant(ds, { ...grant, recipientToken: b, purpose: 'newsletter' });
    await consents.revoke(ds, { recipientToken: b, brand: 'maison-durand', id: revoked.id, revokedBy: 'it', at });
    await caps.save(
      ds,
      [{ recipientToken: c, capName: 'tx-hourly', windowMs: 3_600_000, entries: [{ id: 'm1', at: Date.now() }] }],
      new Date(),
    );

    const tokens = [a, b, c];
    const byToken = <T extends { recipientToken: string }>(rows: readonly T[]) =>
      [...rows].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    const one = await reader.loadFor(ds, tokens);
    const stored = await optOuts.loadFor(ds, tokens);
    expect(byToken(one.optOuts)).toEqual(
      byToken(
        stored.map(({ recipientToken, brand, optedOut, source, at: when }) => ({
          recipientToken,
          brand,
          optedOut,
          source,
          at: when,
        })),
      ),
    );
    expect(one.optOuts.find((o) => o.recipientToken === a)).toEqual({
      recipientToken: a,
      brand: 'maison-durand',
      optedOut: true,
      source: 'sms',
      at,
    });
    expect(byToken(one.consents)).toEqual(byToken(await consents.activeFor(ds, tokens)));
    expect(one.consents).toEqual([{ recipientToken: a, brand: 'maison-durand', purpose: 'marketing' }]);
    expect(one.caps).toEqual(await caps.loadFor(ds, tokens));
    expect(one.caps).toHaveLength(1);
    expect(await reader.loadFor(ds, [kit.tokenOf(randomMobile())])).toEqual({ optOuts: [], consents: [], caps: [] });

    // Inside a transaction the statement runs on that transaction's connection: it sees the uncommitted opt-out.
    const d = kit.tokenOf(randomMobile());
    await ds
      .transaction(async (em) => {
        await optOuts.apply(em, [{ recipientToken: d, brand: 'maison-durand', action: 'opt_out', source: 'sms', at }]);
        expect((await reader.loadFor(em, [d])).optOuts).toHaveLength(1);
        expect((await reader.loadFor(ds, [d])).optOuts).toHaveLength(0);
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    expect((await reader.loadFor(ds, [d])).optOuts).toHaveLength(0);
  });
});
