import type { SmsApprovedV1 } from '@herald/contracts';
import { MetricsRegistry, type HeraldLogger } from '@herald/observability';
import type { RerouteRow } from '../adapters/send-ledger.repository';
import type { ReceiptEvent } from '../carriers/carrier-adapter';
import { DispatchMetrics } from '../dispatch.metrics';
import { Rerouter, type RerouteLedger } from './rerouter';

const NOW = Date.parse('2025-03-01T10:00:00Z');
const silent = { info: () => undefined, warn: () => undefined } as unknown as HeraldLogger;

class FakeLedger implements RerouteLedger {
  rows = new Map<string, RerouteRow>();
  /** States the row goes through on successive reads (the submit being recorded meanwhile). */
  later: RerouteRow[] = [];
  rerouted: string[] = [];
  dropped: string[] = [];
  refuse = false;
  async rerouteRows(ids: readonly string[]): Promise<Map<string, RerouteRow>> {
    const next = this.later.shift();
    if (next) this.rows.set(next.messageId, next);
    return new Map(ids.flatMap((id) => (this.rows.has(id) ? [[id, this.rows.get(id)!] as const] : [])));
  }
  async reroute(messageId: string): Promise<boolean> {
    if (this.refuse) return false;
    this.rerouted.push(messageId);
    return true;
  }
  async dropPayloads(ids: readonly string[]): Promise<void> {
    this.dropped.push(...ids);
  }
}

const payload = (expiresInMs = 600_000) =>
  ({
    expiresAt: new Date(NOW + expiresInMs).toISOString(),
    recipient: { country: 'GB', phoneEnc: 'enc(+447700900777)' },
  }) as unknown as SmsApprovedV1;
const row = (over: Partial<RerouteRow> = {}): RerouteRow => ({
  messageId: 'm1',
  state: 'submitted',
  carrierId: 'a',
  triedCarriers: [],
  reroutes: 0,
  payload: payload(),
  ...over,
});
const report = (state: ReceiptEvent['state'], carrierId = 'a'): ReceiptEvent => ({
  carrierId,
  carrierMessageId: 'cm-1',
  state,
  rawStat: state === 'undelivered' ? 'UNDELIV' : 'DELIVRD',
});

function setup(usable = ['a', 'b']) {
  const ledger = new FakeLedger();
  const metrics = new DispatchMetrics(new MetricsRegistry('rerouter-spec'));
  const rerouter = new Rerouter(new Set(['a']), {
    ledger,
    usableRoutes: () =>
      usable.map((id) => ({ id, type: 'smpp', windowSize: 1, mpsSegments: 0, countries: '*', priority: 1 })),
    decrypt: (c) => c.replace(/^enc\((.*)\)$/, '$1'),
    metrics,
    logger: silent,
    now: () => NOW,
  });
  return { ledger, rerouter };
}

describe('Rerouter', () => {
  it('moves an undelivered message to the next usable carrier and keeps the report back', async () => {
    const { ledger, rerouter } = setup();
    ledger.rows.set('m1', row());
    const e = report('undelivered');
    expect(await rerouter.sort([{ event: e, messageId: 'm1' }])).toEqual(new Map([[e, 'rerouted']]));
    expect(ledger.rerouted).toEqual(['m1']);
    expect(ledger.dropped).toEqual([]);
  });

  it('supersedes any later report of a carrier an earlier attempt went to', async () => {
    const { ledger, rerouter } = setup();
    ledger.rows.set('m1', row({ carrierId: 'b', triedCarriers: ['a'], reroutes: 1 }));
    const late = report('delivered');
    expect(await rerouter.sort([{ event: late, messageId: 'm1' }])).toEqual(new Map([[late, 'superseded']]));
  });

  it.each([
    ['a final delivered', report('delivered'), row(), ['a', 'b']],
    ['no other usable carrier', report('undelivered'), row(), ['a']],
    ['too little TTL left', report('undelivered'), row({ payload: payload(10_000) }), ['a', 'b']],
    ['the reroute bound reached', report('undelivered'), row({ reroutes: 2 }), ['a', 'b']],
  ])('publishes %s and forgets the kept payload', async (_name, e, r, usable) => {
    const { ledger, rerouter } = setup(usable);
    ledger.rows.set('m1', r);
    expect(await rerouter.sort([{ event: e, messageId: 'm1' }])).toEqual(new Map());
    expect(ledger.rerouted).toEqual([]);
    expect(ledger.dropped).toEqual(['m1']);
  });

  it('waits for a submit that the receipt overtook, then reroutes', async () => {
    const { ledger, rerouter } = setup();
    ledger.rows.set('m1', row({ state: 'submitting' }));
    ledger.later = [row({ state: 'submitting' }), row()];
    const e = report('undelivered');
    expect(await rerouter.sort([{ event: e, messageId: 'm1' }])).toEqual(new Map([[e, 'rerouted']]));
  });

  it('publishes when another report moved the row first', async () => {
    const { ledger, rerouter } = setup();
    ledger.rows.set('m1', row());
    ledger.refuse = true;
    expect(await rerouter.sort([{ event: report('undelivered'), messageId: 'm1' }])).toEqual(new Map());
  });

  it('leaves uncorrelated reports and other carriers alone, without reading the ledger', async () => {
    const { ledger, rerouter } = setup();
    const read = jest.spyOn(ledger, 'rerouteRows');
    await rerouter.sort([{ event: report('undelivered') }, { event: report('undelivered', 'z'), messageId: 'm1' }]);
    expect(read).not.toHaveBeenCalled();
  });
});
