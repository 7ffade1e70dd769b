import type { StatusMetaDto } from '@herald/contracts';
import type { OutboundRecord } from '@herald/kafka';
import type { HeraldLogger } from '@herald/observability';
import type { DlrEvidence } from '../domain/ledger-decision';
import type { LedgerUpdate, StaleRow } from '../adapters/send-ledger.repository';
import type { DispatchMetrics } from '../dispatch.metrics';
import { OrphanReconciler } from './orphan-reconciler';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as HeraldLogger;
const meta = { sourceEventId: 'e1', country: 'FR', recipientToken: 'tok' } as StatusMetaDto;
const ID = (n: number) => `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`;
const orphan = (n: number, over: Partial<StaleRow> = {}): StaleRow => ({
  messageId: ID(n),
  state: 'submitting',
  carrierId: null,
  carrierMessageIds: [],
  attempts: 0,
  segments: 1,
  result: null,
  meta,
  ...over,
});

function setup(
  rows: StaleRow[],
  opts: { healthyForMs?: number; evidence?: Map<string, DlrEvidence>; produceFails?: boolean; claims?: number } = {},
) {
  const taken: Array<{ owner: string; afterMs: number }> = [];
  const ended: Array<{ owner: string; afterMs: number }> = [];
  const applied: LedgerUpdate[][] = [];
  const sent: OutboundRecord[][] = [];
  const causes: string[] = [];
  const reconciler = new OrphanReconciler({
    ledger: {
      endOrphanClaims: async (owner: string, afterMs: number) => {
        ended.push({ owner, afterMs });
        return opts.claims ?? 0;
      },
      takeOrphans: async (owner: string, afterMs: number) => {
        taken.push({ owner, afterMs });
        return rows;
      },
      dlrEvidence: async () => opts.evidence ?? new Map(),
      apply: async (updates: readonly LedgerUpdate[]) => {
        applied.push([...updates]);
        return new Set<string>();
      },
    },
    publisher: {
      build: ((topic: string, payload: unknown, o: { key: string; id?: string }) => ({
        topic,
        key: o.key,
        value: JSON.stringify(payload),
        headers: { ce_id: o.id ?? '' },
      })) as never,
      sendBatch: async (records: ReadonlyArray<OutboundRecord>) => {
        if (opts.produceFails) throw new Error('broker down');
        sent.push([...records]);
      },
    },
    metrics: { ambiguous: { inc: (l: { cause: string }) => void causes.push(l.cause) } } as unknown as DispatchMetrics,
    logger: silent,
    clock: { now: () => new Date('2026-12-06T12:00:00.000Z') },
    service: 'dispatch',
    owner: 'me',
    afterMs: 60_000,
    healthyForMs: () => opts.healthyForMs ?? 120_000,
  });
  return { reconciler, taken, ended, applied, sent, causes };
}

describe('OrphanReconciler', () => {
  it('does not look before its own heartbeats have gone through for the threshold', async () => {
    const t = setup([orphan(1)], { healthyForMs: 59_999 });
    expect(await t.reconciler.run()).toBeUndefined();
    expect(t.taken).toEqual([]);
    expect(t.ended).toEqual([]);
  });

  it('reports an orphan ambiguous, or submitted when proven, producing the statuses before the ledger moves', async () => {
    const proven = orphan(2, { carrierId: 'sim', carrierMessageIds: ['c2'], attempts: 1 });
    const byDlr = orphan(3);
    const t = setup([orphan(1), proven, byDlr], {
      evidence: new Map([[ID(3), { carrierId: 'sim', carrierMessageIds: ['c3'] }]]),
    });
    expect(await t.reconciler.run()).toEqual({ submitted: 2, ambiguous: 1, claimsReleased: 0 });
    expect(t.taken).toEqual([{ owner: 'me', afterMs: 60_000 }]);
    const statuses = t.sent[0].map((r) => JSON.parse(r.value as string) as { messageId: string; status: string });
    expect(statuses.map((s) => [s.messageId, s.status])).toEqual([
      [ID(1), 'ambiguous'],
      [ID(2), 'submitted'],
      [ID(3), 'submitted'],
    ]);
    expect(t.sent[0].every((r) => r.key !== undefined && r.headers.ce_id !== '')).toBe(true);
    expect(t.applied[0].map((u) => [u.messageId, u.state, u.owner])).toEqual([
      [ID(1), 'ambiguous', undefined],
      [ID(2), 'submitted', undefined],
      [ID(3), 'submitted', undefined],
    ]);
    expect(t.causes).toEqual(['orphan_reconcile']);
  });

  it('leaves the ledger as it was when the statuses cannot be produced (the next run takes them again)', async () => {
    const t = setup([orphan(1)], { produceFails: true });
    await expect(t.reconciler.run()).rejects.toThrow('broker down');
    expect(t.applied).toEqual([]);
  });

  it('has nothing to do when no process left a row open', async () => {
    const t = setup([]);
    expect(await t.reconciler.run()).toEqual({ submitted: 0, ambiguous: 0, claimsReleased: 0 });
    expect(t.sent).toEqual([]);
  });

  it("ends the lease of a stopped process's claims, so the releaser sends them now", async () => {
    const t = setup([], { claims: 7 });
    expect(await t.reconciler.run()).toEqual({ submitted: 0, ambiguous: 0, claimsReleased: 7 });
    expect(t.ended).toEqual([{ owner: 'me', afterMs: 60_000 }]);
  });
});
