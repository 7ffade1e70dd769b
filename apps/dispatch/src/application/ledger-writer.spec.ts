import type { OutboundRecord } from '@herald/kafka';
import type { HeraldLogger } from '@herald/observability';
import type { LedgerUpdate, ProducedStatus, SendLedgerRepository } from '../adapters/send-ledger.repository';
import type { StoredResult } from '../domain/message-result';
import { LedgerWriter } from './ledger-writer';

const stored = (n: number): StoredResult => ({
  result: { status: 'submitted', carrierId: 'sim', carrierMessageIds: [`c${n}`], attempt: 1, segments: 1 },
  at: `2025-03-01T10:00:0${n}.000Z`,
});
const record = (id: string): OutboundRecord => ({ topic: 'sms.status.v1', key: id, value: '{}', headers: {} });

function setup(opts: { produceFails?: boolean; clearFails?: boolean; refuse?: string[] } = {}) {
  const applied: LedgerUpdate[] = [];
  const cleared: ProducedStatus[] = [];
  const warnings: string[] = [];
  const repo = {
    apply: async (u: readonly LedgerUpdate[]) => {
      applied.push(...u);
      return new Set(opts.refuse ?? []);
    },
    statusesProduced: async (p: readonly ProducedStatus[]) => {
      if (opts.clearFails) throw new Error('connection refused');
      cleared.push(...p);
    },
  } as unknown as SendLedgerRepository;
  const produced: OutboundRecord[] = [];
  const sink = {
    sendBatch: async (r: readonly OutboundRecord[]) => {
      if (opts.produceFails) throw new Error('broker down');
      produced.push(...r);
    },
  };
  const logger = {
    warn: (_o: unknown, msg: string) => void warnings.push(msg),
    info: () => undefined,
  } as unknown as HeraldLogger;
  return { writer: new LedgerWriter(repo, logger, 5, sink), applied, cleared, produced, warnings };
}

describe('LedgerWriter status outbox', () => {
  it('writes an outbox result flagged and clears it (one statement) after its status was produced; others are neither', async () => {
    const { writer, applied, cleared, produced } = setup();
    writer.record('m1', stored(1), {} as never, record('m1'), true);
    writer.record('m2', stored(2), {} as never, record('m2'));
    await writer.flush();
    expect(applied.map((u) => [u.messageId, u.statusPending])).toEqual([
      ['m1', true],
      ['m2', undefined],
    ]);
    expect(produced.map((r) => r.key)).toEqual(['m1', 'm2']);
    expect(cleared).toEqual([{ messageId: 'm1', status: 'submitted', at: stored(1).at }]);
  });

  it('keeps the flag while the status cannot be produced (the sweep covers a crash from here)', async () => {
    const { writer, applied, cleared } = setup({ produceFails: true });
    writer.record('m1', stored(1), {} as never, record('m1'), true);
    await expect(writer.flush()).rejects.toThrow('broker down');
    expect(applied.map((u) => [u.messageId, u.statusPending])).toEqual([['m1', true]]);
    expect(cleared).toEqual([]);
  });

  it('a clear that fails is logged, not a failed flush: the status was produced', async () => {
    const { writer, produced, warnings } = setup({ clearFails: true });
    writer.record('m1', stored(1), {} as never, record('m1'), true);
    await writer.flush();
    expect(produced).toHaveLength(1);
    expect(warnings).toEqual(['status outbox not cleared; the sweep produces them again']);
  });
});

describe('LedgerWriter results of messages consumed for the first time', () => {
  const meta = { country: 'FR' } as never;

  it('asks for the row to be inserted under the owner, and produces no status when another process holds it', async () => {
    const { writer, applied, produced } = setup({ refuse: ['m2'] });
    writer.record('m1', stored(1), meta, record('m1'), false, { row: { segments: 1, meta }, owner: 'me' });
    writer.record('m2', stored(2), meta, record('m2'), false, { row: { segments: 1, meta }, owner: 'me' });
    const waiting = writer.produced('m2');
    await writer.flush();
    expect(applied.map((u) => [u.messageId, u.owner, u.fresh?.segments])).toEqual([
      ['m1', 'me', 1],
      ['m2', 'me', 1],
    ]);
    expect(produced.map((r) => r.key)).toEqual(['m1']);
    await expect(waiting).resolves.toBeUndefined();
    expect(writer.written('m2')).toBe(true);
  });

  it('parks a new message with the payload its row is inserted from', async () => {
    const { writer, applied } = setup();
    const payload = { messageId: 'm1' } as never;
    writer.park('m1', new Date(0), 'no usable route', 'me', { segments: 2, meta, payload });
    await writer.flush();
    expect(applied.map((u) => [u.state, u.owner, u.fresh?.payload])).toEqual([['parked', 'me', payload]]);
  });
});
