import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Topics, type SmsApprovedV1, type SmsStatusV1 } from '@herald/contracts';
import { BatchContext, type ConsumedMessage, type OutboundRecord } from '@herald/kafka';
import type { HeraldLogger } from '@herald/observability';
import type { PiiCipher } from '@herald/pii';
import type { LedgerUpdate, ProducedStatus, SendLedgerRepository, StartRow } from '../adapters/send-ledger.repository';
import type { DlrEvidence, LedgerRow } from '../domain/ledger-decision';
import type { DispatchMetrics } from '../dispatch.metrics';
import { statusEventIdOf } from '../domain/message-result';
import { BatchDispatcher } from './batch-dispatcher';
import type { CarrierFleet } from './carrier-fleet';
import { LedgerWriter } from './ledger-writer';
import type { MessageSender, SendHooks, SendResult } from './message-sender';

const NOW = Date.parse('2025-03-01T10:00:01Z');
const fixture = JSON.parse(
  readFileSync(
    path.join(__dirname, '../../../../libs/contracts/fixtures/sms.approved.v1/valid/fr-alphanumeric-sender.json'),
    'utf8',
  ),
) as SmsApprovedV1;

/** An approved message whose "ciphertexts" the fake cipher opens by dropping the `enc:` prefix. */
function approved(id: string, patch: Partial<SmsApprovedV1> = {}): ConsumedMessage<SmsApprovedV1> {
  const payload: SmsApprovedV1 = {
    ...fixture,
    messageId: id,
    bodyEnc: 'enc:Votre commande est partie.',
    recipient: { ...fixture.recipient, phoneEnc: 'enc:+33612345678' },
    encoding: 'GSM7',
    ...patch,
  };
  return {
    topic: Topics.SmsApprovedV1,
    partition: 0,
    offset: '0',
    key: id,
    headers: {},
    attributes: {
      id: `ce-${id}`,
      type: Topics.SmsApprovedV1,
      source: 'test',
      time: new Date(NOW).toISOString(),
      specversion: '1.0',
    },
    payload,
    timestamp: NOW,
  };
}

const ID = (n: number) => `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`;

/** The send ledger's semantics in memory: rows keyed by message id, each with its owner. */
class FakeLedger {
  readonly rows = new Map<string, LedgerRow>();
  readonly loads: string[][] = [];
  readonly applied: LedgerUpdate[] = [];
  readonly released: string[] = [];
  readonly owners = new Map<string, string>();
  readonly marks: StartRow[][] = [];

  insert(id: string, state: LedgerRow['state'], segments: number, owner: string): void {
    this.rows.set(id, {
      messageId: id,
      state,
      carrierId: null,
      carrierMessageIds: [],
      attempts: 0,
      segments,
      result: null,
    });
    this.owners.set(id, owner);
  }
  async takeOver(ids: readonly string[], owner: string): Promise<Set<string>> {
    const taken = ids.filter((id) => this.rows.get(id)?.state === 'claimed' && this.owners.get(id) !== owner);
    for (const id of taken) this.owners.set(id, owner);
    return new Set(taken);
  }
  async markStarted(starts: readonly StartRow[], owner: string): Promise<Set<string>> {
    this.marks.push([...starts]);
    const started = new Set<string>();
    for (const { messageId: id, fresh } of starts) {
      const row = this.rows.get(id);
      const mine = this.owners.get(id) === owner;
      if (fresh && row === undefined) this.insert(id, 'submitting', fresh.segments, owner);
      else if (!fresh && row?.state === 'claimed' && mine) this.rows.set(id, { ...row, state: 'submitting' });
      else if (!(row?.state === 'submitting' && mine)) continue;
      started.add(id);
    }
    return started;
  }
  async load(ids: readonly string[]): Promise<Map<string, LedgerRow>> {
    this.loads.push([...ids]);
    return new Map(ids.filter((id) => this.rows.has(id)).map((id) => [id, this.rows.get(id)!]));
  }
  async dlrEvidence(): Promise<Map<string, DlrEvidence>> {
    return new Map<string, DlrEvidence>();
  }
  async apply(updates: readonly LedgerUpdate[]): Promise<Set<string>> {
    this.applied.push(...updates);
    const refused = new Set<string>();
    for (const u of updates) {
      if (u.fresh === undefined) continue;
      if (!this.rows.has(u.messageId)) this.insert(u.messageId, u.state, u.fresh.segments, u.owner as string);
      else if (this.owners.get(u.messageId) !== u.owner) refused.add(u.messageId);
    }
    return refused;
  }
  async release(ids: readonly string[]): Promise<void> {
    this.released.push(...ids);
  }
  readonly reparked: string[] = [];
  async repark(ids: readonly string[]): Promise<void> {
    this.reparked.push(...ids);
  }
  readonly cleared: ProducedStatus[] = [];
  async statusesProduced(produced: readonly ProducedStatus[]): Promise<void> {
    this.cleared.push(...produced);
  }
}

const silent = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
} as unknown as HeraldLogger;
const counter = () => ({ inc: jest.fn() });

function setup(send: (id: string, signal: AbortSignal) => Promise<SendResult>) {
  const ledger = new FakeLedger();
  const repo = ledger as unknown as SendLedgerRepository;
  const sent: string[] = [];
  // Like the real sender: the start mark first; a claim lost to another owner is not sent.
  const sender = {
    send: async (sms: { messageId: string }, _priority: string, signal: AbortSignal, hooks: SendHooks) => {
      if (!(await hooks.markStarted())) return { status: 'lost' };
      sent.push(sms.messageId);
      return send(sms.messageId, signal);
    },
  } as unknown as MessageSender;
  const fleet = {
    routesFor: ({ country }: { country: string }) => (country === 'FR' ? [{}] : []),
  } as unknown as CarrierFleet;
  const cipher = {
    decrypt: (token: string) =>
      token.startsWith('enc:')
        ? token.slice(4)
        : (() => {
            throw new Error('bad tag');
          })(),
  } as unknown as PiiCipher;
  const metrics = { messages: counter(), ambiguous: counter() } as unknown as DispatchMetrics;
  const build = (topic: string, payload: unknown, opts: { key?: string | null; id?: string }) =>
    ({
      topic,
      key: opts.key ?? null,
      value: JSON.stringify(payload),
      headers: opts.id ? { ce_id: opts.id } : {},
    }) as OutboundRecord;
  // New results reach sms.status.v1 through the writer once their rows are written; replays through the batch context.
  const produced: OutboundRecord[] = [];
  const sink = { sendBatch: async (records: readonly OutboundRecord[]) => void produced.push(...records) };
  const writer = new LedgerWriter(repo, silent, 5, sink);
  const dispatcher = new BatchDispatcher({
    service: 'dispatch',
    cipher,
    fleet,
    sender,
    ledger: repo,
    writer,
    publisher: { build } as never,
    metrics,
    clock: { now: () => new Date(NOW) },
    logger: silent,
    owner: 'me',
    claimLeaseMs: 60_000,
    maxBatchMs: 2000,
  });
  const ctx = new BatchContext(build as never, async () => undefined);
  const statuses = () =>
    [...ctx.outputs, ...produced]
      .filter((o) => o.topic === Topics.SmsStatusV1)
      .map((o) => JSON.parse(o.value) as SmsStatusV1);
  return { dispatcher, ledger, ctx, sent, statuses, produced, writer, build };
}

const submitted = (id: string): SendResult => ({
  status: 'submitted',
  carrierId: 'smsc-a',
  carrierMessageIds: [`c-${id.slice(-4)}`],
  attempt: 1,
  segments: 1,
});

/** Resolves 'held' when `p` has not settled after a few event-loop turns. */
async function settledOrHeld(p: Promise<unknown>): Promise<'settled' | 'held'> {
  return Promise.race([p.then(() => 'settled' as const), new Promise<'held'>((r) => setTimeout(() => r('held'), 50))]);
}

describe('BatchDispatcher', () => {
  it("reads the batch's rows in one statement, inserts the new ones `submitting` in one start mark, sends each once, writes the results and reports them", async () => {
    const { dispatcher, ledger, ctx, sent, statuses } = setup(async (id) => submitted(id));
    await dispatcher.dispatch([approved(ID(1)), approved(ID(2))], ctx);
    expect(ledger.loads).toEqual([[ID(1), ID(2)]]);
    expect(
      ledger.marks.map((m) => m.map((s) => [s.messageId, s.fresh?.segments, s.fresh?.payload?.messageId])),
    ).toEqual([
      [
        [ID(1), 1, ID(1)],
        [ID(2), 1, ID(2)],
      ],
    ]);
    expect(sent).toEqual([ID(1), ID(2)]);
    expect(ledger.applied.map((u) => [u.messageId, u.state])).toEqual([
      [ID(1), 'submitted'],
      [ID(2), 'submitted'],
    ]);
    expect(statuses().map((s) => [s.messageId, s.status])).toEqual([
      [ID(1), 'submitted'],
      [ID(2), 'submitted'],
    ]);
  });

  it('produces each new status right after its ledger row, before the batch ends, and the batch waits for it', async () => {
    let finishSecond!: () => void;
    const { dispatcher, ledger, ctx, produced, writer } = setup((id) =>
      id === ID(1)
        ? Promise.resolve(submitted(id))
        : new Promise<SendResult>((r) => (finishSecond = () => r(submitted(id)))),
    );
    const run = dispatcher.dispatch([approved(ID(1)), approved(ID(2))], ctx);
    // Until the first status is out (the ledger flush timer, however slow the machine), not a fixed sleep.
    for (const until = Date.now() + 5000; produced.length === 0 && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 5));
    expect(ledger.applied.map((u) => u.messageId)).toEqual([ID(1)]);
    expect(produced.map((o) => JSON.parse(o.value).messageId)).toEqual([ID(1)]);
    expect(writer.produced(ID(1))).toBeUndefined();
    expect(writer.produced(ID(2))).toBeUndefined();
    finishSecond();
    const second = new Promise((r) => setImmediate(r)).then(() => writer.produced(ID(2)));
    await run;
    await second;
    expect(produced.map((o) => JSON.parse(o.value).messageId)).toEqual([ID(1), ID(2)]);
    expect(ctx.outputs).toEqual([]);
  });

  it('sends a message duplicated within the batch once', async () => {
    const { dispatcher, ctx, sent, statuses } = setup(async (id) => submitted(id));
    await dispatcher.dispatch([approved(ID(1)), approved(ID(1))], ctx);
    expect(sent).toEqual([ID(1)]);
    expect(statuses()).toHaveLength(1);
  });

  it('never resends a message already in the ledger: a settled one reports its stored result again', async () => {
    const { dispatcher, ledger, ctx, sent, statuses } = setup(async (id) => submitted(id));
    const stored = {
      result: submitted(ID(1)) as Extract<SendResult, { status: 'submitted' }>,
      at: new Date(NOW - 60_000).toISOString(),
    };
    ledger.rows.set(ID(1), {
      messageId: ID(1),
      state: 'submitted',
      carrierId: 'smsc-a',
      carrierMessageIds: ['c-0001'],
      attempts: 1,
      segments: 1,
      result: stored,
    });
    await dispatcher.dispatch([approved(ID(1))], ctx);
    expect(sent).toEqual([]);
    expect(statuses().map((s) => [s.messageId, s.status, s.at])).toEqual([[ID(1), 'submitted', stored.at]]);
    expect(ctx.outputs.map((o) => o.headers.ce_id)).toEqual([statusEventIdOf(ID(1), stored)]);
  });

  it('reports a row left submitting by a crash as ambiguous, without resending it', async () => {
    const { dispatcher, ledger, ctx, sent, statuses } = setup(async (id) => submitted(id));
    ledger.rows.set(ID(1), {
      messageId: ID(1),
      state: 'submitting',
      carrierId: null,
      carrierMessageIds: [],
      attempts: 1,
      segments: 1,
      result: null,
    });
    await dispatcher.dispatch([approved(ID(1))], ctx);
    expect(sent).toEqual([]);
    expect(statuses().map((s) => s.status)).toEqual(['ambiguous']);
  });

  it('takes over a claim left unstarted by a stopped process and sends it once', async () => {
    const { dispatcher, ledger, ctx, sent, statuses } = setup(async (id) => submitted(id));
    ledger.rows.set(ID(1), {
      messageId: ID(1),
      state: 'claimed',
      carrierId: null,
      carrierMessageIds: [],
      attempts: 0,
      segments: 1,
      result: null,
    });
    ledger.owners.set(ID(1), 'crashed');
    await dispatcher.dispatch([approved(ID(1))], ctx);
    expect(ledger.owners.get(ID(1))).toBe('me');
    expect(sent).toEqual([ID(1)]);
    expect(statuses().map((s) => [s.messageId, s.status])).toEqual([[ID(1), 'submitted']]);
  });

  it('leaves a claim its own releaser holds to that releaser: a record consumed again does not start a second send', async () => {
    const { dispatcher, ledger, ctx, sent, statuses } = setup(async (id) => submitted(id));
    ledger.insert(ID(1), 'claimed', 1, 'me');
    await dispatcher.dispatch([approved(ID(1))], ctx);
    expect(sent).toEqual([]);
    expect(statuses()).toEqual([]);
    expect(ledger.rows.get(ID(1))?.state).toBe('claimed');
  });

  it('ends a taken-over claim expired when its TTL passed meanwhile, without sending it', async () => {
    const { dispatcher, ledger, ctx, sent, statuses } = setup(async (id) => submitted(id));
    ledger.rows.set(ID(1), {
      messageId: ID(1),
      state: 'claimed',
      carrierId: null,
      carrierMessageIds: [],
      attempts: 0,
      segments: 1,
      result: null,
    });
    await dispatcher.dispatch([approved(ID(1), { expiresAt: new Date(NOW - 1000).toISOString() })], ctx);
    expect(sent).toEqual([]);
    expect(ledger.applied.map((u) => [u.messageId, u.state])).toEqual([[ID(1), 'expired']]);
    expect(statuses().map((s) => s.status)).toEqual(['expired']);
  });

  it('neither sends nor reports a new message whose row another process inserted before its start mark', async () => {
    const { dispatcher, ledger, ctx, sent, statuses } = setup(async (id) => submitted(id));
    const load = ledger.load.bind(ledger);
    ledger.load = async (ids) => {
      const rows = await load(ids);
      ledger.insert(ID(2), 'submitting', 1, 'other');
      return rows;
    };
    await dispatcher.dispatch([approved(ID(1)), approved(ID(2))], ctx);
    expect(sent).toEqual([ID(1)]);
    expect(statuses().map((s) => s.messageId)).toEqual([ID(1)]);
    expect(ledger.applied.map((u) => u.messageId)).toEqual([ID(1)]);
  });

  it('writes a new message past its TTL as expired (its row inserted with the result) and reports it without sending', async () => {
    const { dispatcher, ledger, ctx, sent, statuses } = setup(async (id) => submitted(id));
    await dispatcher.dispatch([approved(ID(1), { expiresAt: new Date(NOW - 1000).toISOString() })], ctx);
    expect(ledger.marks).toEqual([]);
    expect(ledger.applied.map((u) => [u.state, u.owner, u.fresh?.segments, u.fresh?.payload])).toEqual([
      ['expired', 'me', 1, undefined],
    ]);
    expect(ledger.rows.get(ID(1))?.state).toBe('expired');
    expect(sent).toEqual([]);
    expect(statuses().map((s) => s.status)).toEqual(['expired']);
  });

  it('reports nothing for a new message whose row another process inserted before its result was written', async () => {
    const { dispatcher, ledger, ctx, statuses } = setup(async (id) => submitted(id));
    const load = ledger.load.bind(ledger);
    ledger.load = async (ids) => {
      const rows = await load(ids);
      ledger.insert(ID(1), 'submitting', 1, 'other');
      return rows;
    };
    await dispatcher.dispatch([approved(ID(1), { expiresAt: new Date(NOW - 1000).toISOString() })], ctx);
    expect(ledger.applied.map((u) => [u.messageId, u.state])).toEqual([[ID(1), 'expired']]);
    expect(ledger.rows.get(ID(1))?.state).toBe('submitting');
    expect(statuses()).toEqual([]);
  });

  it('skips a new message consumed again while its send loop runs here (before it has a row)', async () => {
    const { dispatcher, ledger, ctx, sent, statuses, build } = setup(async (id) => submitted(id));
    let openGate!: () => void;
    const gate = new Promise<void>((r) => (openGate = r));
    const markStarted = ledger.markStarted.bind(ledger);
    ledger.markStarted = async (starts, owner) => {
      await gate;
      return markStarted(starts, owner);
    };
    const first = dispatcher.dispatch([approved(ID(1))], ctx);
    await new Promise((r) => setTimeout(r, 10));
    const again = new BatchContext(build as never, async () => undefined);
    await dispatcher.dispatch([approved(ID(1))], again);
    expect(again.outputs).toEqual([]);
    openGate();
    await first;
    expect(sent).toEqual([ID(1)]);
    expect(statuses().map((s) => s.status)).toEqual(['submitted']);
  });

  it('dead-letters a message that cannot be decrypted or routed, with a failed status, and sends the rest', async () => {
    const { dispatcher, ledger, ctx, sent, statuses } = setup(async (id) => submitted(id));
    const broken = approved(ID(1), { bodyEnc: 'k1.garbage' });
    const nowhere = approved(ID(2), {
      recipient: { ...fixture.recipient, phoneEnc: 'enc:+12025550123', country: 'US' },
    });
    await dispatcher.dispatch([broken, nowhere, approved(ID(3))], ctx);
    expect([...ctx.failures].map(([m, e]) => [(m.payload as SmsApprovedV1).messageId, e.code])).toEqual([
      [ID(1), 'CONTRACT_VIOLATION'],
      [ID(2), 'CONFIG_INVALID'],
    ]);
    expect(ledger.loads).toEqual([[ID(3)]]);
    expect(sent).toEqual([ID(3)]);
    expect(statuses().map((s) => [s.messageId, s.status])).toEqual([
      [ID(1), 'failed'],
      [ID(2), 'failed'],
      [ID(3), 'submitted'],
    ]);
  });

  it('after stop(), holds a new batch without claiming anything (the next owner consumes it)', async () => {
    const { dispatcher, ledger, ctx, sent } = setup(async (id) => submitted(id));
    dispatcher.stop();
    expect(await settledOrHeld(dispatcher.dispatch([approved(ID(1))], ctx))).toBe('held');
    expect(ledger.loads).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('on stop(), gives back the claims of messages not yet submitted and holds the batch', async () => {
    const { dispatcher, ledger, ctx } = setup((id, signal) =>
      id === ID(1)
        ? Promise.resolve(submitted(id))
        : new Promise<SendResult>((resolve) => signal.addEventListener('abort', () => resolve({ status: 'aborted' }))),
    );
    const run = dispatcher.dispatch([approved(ID(1)), approved(ID(2))], ctx);
    await new Promise((r) => setTimeout(r, 10));
    dispatcher.stop();
    expect(await settledOrHeld(run)).toBe('held');
    expect(ledger.released).toEqual([ID(2)]);
    expect(ledger.applied.map((u) => [u.messageId, u.state])).toEqual([[ID(1), 'submitted']]);
  });

  describe('parking', () => {
    it('writes a message that cannot go now as parked (owner-checked, with its next attempt and payload), reports nothing and finishes the batch', async () => {
      const next = NOW + 5000;
      const { dispatcher, ledger, ctx, statuses } = setup(async (id) =>
        id === ID(1) ? { status: 'parked', nextAttemptAt: next, reason: 'no usable route' } : submitted(id),
      );
      await dispatcher.dispatch([approved(ID(1)), approved(ID(2))], ctx);
      expect(
        ledger.applied.map((u) => [
          u.messageId,
          u.state,
          u.nextAttemptAt?.getTime(),
          u.owner,
          u.fresh?.payload?.messageId,
        ]),
      ).toEqual([
        [ID(1), 'parked', next, 'me', ID(1)],
        [ID(2), 'submitted', undefined, 'me', undefined],
      ]);
      expect(statuses().map((s) => s.messageId)).toEqual([ID(2)]);
    });

    it('leaves a parked row alone when its record is consumed again (the releaser owns it)', async () => {
      const { dispatcher, ledger, ctx, sent, statuses } = setup(async (id) => submitted(id));
      ledger.rows.set(ID(1), {
        messageId: ID(1),
        state: 'parked',
        carrierId: null,
        carrierMessageIds: [],
        attempts: 0,
        segments: 1,
        result: null,
      });
      await dispatcher.dispatch([approved(ID(1))], ctx);
      expect(sent).toEqual([]);
      expect(statuses()).toEqual([]);
    });

    it('sends due rows from their stored payload, ends the ones past their TTL expired, each once', async () => {
      const { dispatcher, ledger, sent, statuses } = setup(async (id) => submitted(id));
      const due = (id: string, patch: Partial<SmsApprovedV1> = {}) => ({
        messageId: id,
        payload: approved(id, patch).payload,
        meta: {} as never,
        parks: 2,
        attempts: 0,
        avoid: [],
      });
      for (const id of [ID(1), ID(2)])
        ledger.rows.set(id, {
          messageId: id,
          state: 'claimed',
          carrierId: null,
          carrierMessageIds: [],
          attempts: 0,
          segments: 1,
          result: null,
        });
      for (const id of [ID(1), ID(2)]) ledger.owners.set(id, 'me');
      await dispatcher.dispatchDue([due(ID(1)), due(ID(2), { expiresAt: new Date(NOW - 1).toISOString() })]);
      expect(sent).toEqual([ID(1)]);
      expect(ledger.applied.map((u) => [u.messageId, u.state])).toEqual([
        [ID(2), 'expired'],
        [ID(1), 'submitted'],
      ]);
      expect(statuses().map((s) => [s.messageId, s.status])).toEqual([
        [ID(2), 'expired'],
        [ID(1), 'submitted'],
      ]);
      expect(ledger.reparked).toEqual([]);
    });

    it('writes a released row with its status outbox flag and clears it once the status is produced; a consumed message never', async () => {
      const { dispatcher, ledger, ctx, produced } = setup(async (id) => submitted(id));
      ledger.rows.set(ID(1), {
        messageId: ID(1),
        state: 'claimed',
        carrierId: null,
        carrierMessageIds: [],
        attempts: 0,
        segments: 1,
        result: null,
      });
      ledger.owners.set(ID(1), 'me');
      await dispatcher.dispatchDue([
        { messageId: ID(1), payload: approved(ID(1)).payload, meta: {} as never, parks: 1, attempts: 0, avoid: [] },
      ]);
      await dispatcher.dispatch([approved(ID(2))], ctx);
      expect(ledger.applied.map((u) => [u.messageId, u.statusPending])).toEqual([
        [ID(1), true],
        [ID(2), undefined],
      ]);
      const stored = ledger.applied[0].result!;
      expect(ledger.cleared).toEqual([{ messageId: ID(1), status: 'submitted', at: stored.at }]);
      expect(produced.map((o) => [o.key, o.headers.ce_id])).toEqual([
        [ID(1), statusEventIdOf(ID(1), stored)],
        [ID(2), statusEventIdOf(ID(2), ledger.applied[1].result!)],
      ]);
    });

    it('parks the due rows again, unsent, when stopped', async () => {
      const { dispatcher, ledger, sent } = setup(async (id) => submitted(id));
      dispatcher.stop();
      await dispatcher.dispatchDue([
        { messageId: ID(1), payload: approved(ID(1)).payload, meta: {} as never, parks: 0, attempts: 0, avoid: [] },
      ]);
      expect(sent).toEqual([]);
      expect(ledger.reparked).toEqual([ID(1)]);
    });
  });
});
