import { systemClock } from '@herald/service-kit';
import type { Priority } from '@herald/contracts';
import type { CommonCarrierConfig as CarrierConfig } from '../carriers/common-config';
import { routesFor, type Destination } from '../domain/route-planner';
import { NO_PARTS, type OutboundSms, type SubmitOutcome } from '../domain/submit-outcome';
import { CorrelationCache } from './correlation-cache';
import { MessageSender, type Fleet } from './message-sender';

const carrier = (id: string, priority: number): CarrierConfig => ({
  id,
  type: 'smpp',
  windowSize: 1,
  mpsSegments: 0,
  countries: ['GB'],
  priority,
});

/** Scripted carriers: each submit takes the next outcome of that carrier's script. */
class FakeFleet implements Fleet {
  readonly calls: Array<{ carrierId: string; accepted: number[] }> = [];
  readonly events: string[] = [];
  windowFree = true;
  down = new Set<string>();
  constructor(
    private readonly carriers: CarrierConfig[],
    private readonly scripts: Record<string, SubmitOutcome[]>,
  ) {}
  routesFor(to: Destination): CarrierConfig[] {
    return routesFor(this.carriers, to);
  }
  isAvailable(id: string): boolean {
    return !this.down.has(id);
  }
  async acquire(_id: string, _segments: number, _priority: Priority, deadline: number): Promise<boolean> {
    return Date.now() < deadline;
  }
  async reserve(carrierId: string, parts: number): Promise<(() => void) | undefined> {
    if (!this.windowFree) return undefined;
    this.events.push(`reserve ${carrierId} ${parts}`);
    return () => this.events.push(`give ${carrierId}`);
  }
  async submit(carrierId: string, sms: OutboundSms): Promise<SubmitOutcome> {
    this.events.push(`submit ${carrierId}`);
    this.calls.push({ carrierId, accepted: [...(sms.acceptedParts ?? NO_PARTS).keys()] });
    const next = this.scripts[carrierId]?.shift();
    if (next === undefined) throw new Error(`no scripted outcome left for ${carrierId}`);
    if (next.kind === 'transient' && this.scripts[carrierId].length === 0) this.down.add(carrierId);
    return next;
  }
}

const sms = (over: Partial<OutboundSms> = {}): OutboundSms => ({
  messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
  reference: 'ref',
  destination: '+447700900001',
  source: 'Herald',
  parts: ['one', 'two'],
  encoding: 'GSM7',
  expiresAt: Date.now() + 60_000,
  country: 'GB',
  ...over,
});
const ok = (ids: string[]): SubmitOutcome => ({ kind: 'submitted', carrierMessageIds: ids, segments: ids.length });
const throttled = (accepted: Array<[number, string]> = []): SubmitOutcome => ({
  kind: 'throttled',
  rawStatus: 'ESME_RTHROTTLED',
  acceptedParts: new Map(accepted),
});
const transient = (accepted: Array<[number, string]> = []): SubmitOutcome => ({
  kind: 'transient',
  rawStatus: 'ESME_RSYSERR',
  reason: 'sys',
  acceptedParts: new Map(accepted),
});
const fast = { throttleInitialMs: 1, transientInitialMs: 1, maxMs: 5 };

describe('MessageSender (one message, its own retry loop)', () => {
  const signal = new AbortController().signal;

  it('retries a throttled message on the same carrier, sending only the parts not yet accepted', async () => {
    const fleet = new FakeFleet([carrier('a', 1)], { a: [throttled([[0, 'A1']]), ok(['A1', 'A2'])] });
    const correlation = new CorrelationCache();
    const result = await new MessageSender(fleet, correlation, systemClock, fast).send(sms(), 'normal', signal);
    expect(result).toEqual({
      status: 'submitted',
      carrierId: 'a',
      carrierMessageIds: ['A1', 'A2'],
      attempt: 2,
      segments: 2,
    });
    expect(fleet.calls).toEqual([
      { carrierId: 'a', accepted: [] },
      { carrierId: 'a', accepted: [0] },
    ]);
    expect(correlation.lookup('a', 'A2')).toBe(sms().messageId);
  });

  it('fails over to the next carrier once the first one is down', async () => {
    const fleet = new FakeFleet([carrier('a', 1), carrier('b', 2)], { a: [transient()], b: [ok(['B1', 'B2'])] });
    const result = await new MessageSender(fleet, new CorrelationCache(), systemClock, fast).send(
      sms(),
      'normal',
      signal,
    );
    expect(result).toMatchObject({ status: 'submitted', carrierId: 'b', attempt: 2 });
  });

  it('keeps a partly accepted message on its carrier rather than failing over', async () => {
    const fleet = new FakeFleet([carrier('a', 1), carrier('b', 2)], {
      a: [transient([[0, 'A1']]), ok(['A1', 'A2'])],
      b: [],
    });
    fleet.down.clear();
    const result = await new MessageSender(fleet, new CorrelationCache(), systemClock, fast).send(
      sms(),
      'normal',
      signal,
    );
    expect(result).toMatchObject({ status: 'submitted', carrierId: 'a' });
    expect(fleet.calls.map((c) => c.carrierId)).toEqual(['a', 'a']);
  });

  it('reports an ambiguous send without retrying it', async () => {
    const fleet = new FakeFleet([carrier('a', 1), carrier('b', 2)], {
      a: [{ kind: 'ambiguous', rawStatus: 'CONNECTION_LOST', reason: 'lost', acceptedParts: new Map([[0, 'A1']]) }],
    });
    const result = await new MessageSender(fleet, new CorrelationCache(), systemClock, fast).send(
      sms(),
      'normal',
      signal,
    );
    expect(result).toEqual({
      status: 'ambiguous',
      reason: 'lost',
      attempt: 1,
      carrierId: 'a',
      rawStatus: 'CONNECTION_LOST',
      carrierMessageIds: ['A1'],
    });
    expect(fleet.calls).toHaveLength(1);
  });

  it('fails a permanent refusal with the carrier code', async () => {
    const fleet = new FakeFleet([carrier('a', 1)], {
      a: [{ kind: 'permanent', rawStatus: 'ESME_RINVDSTADR', reason: 'bad' }],
    });
    const result = await new MessageSender(fleet, new CorrelationCache(), systemClock, fast).send(
      sms(),
      'normal',
      signal,
    );
    expect(result).toMatchObject({
      status: 'failed',
      reasonCode: 'CARRIER_PERMANENT',
      rawStatus: 'ESME_RINVDSTADR',
      carrierId: 'a',
    });
  });

  it('expires without a submit when the TTL has passed', async () => {
    const fleet = new FakeFleet([carrier('a', 1)], { a: [] });
    const result = await new MessageSender(fleet, new CorrelationCache(), systemClock, fast).send(
      sms({ expiresAt: Date.now() - 1 }),
      'high',
      signal,
    );
    expect(result).toMatchObject({ status: 'expired', attempt: 0 });
    expect(fleet.calls).toEqual([]);
  });

  it('expires while every carrier stays unavailable', async () => {
    const fleet = new FakeFleet([carrier('a', 1)], { a: [] });
    fleet.down.add('a');
    const result = await new MessageSender(fleet, new CorrelationCache(), systemClock, fast).send(
      sms({ expiresAt: Date.now() + 1100 }),
      'normal',
      signal,
    );
    expect(result).toMatchObject({ status: 'expired', attempt: 0 });
  });

  it('fails a multipart message whose TTL ends with only some parts accepted', async () => {
    const fleet = new FakeFleet([carrier('a', 1)], {
      a: [throttled([[0, 'A1']]), throttled([[0, 'A1']]), throttled([[0, 'A1']]), throttled([[0, 'A1']])],
    });
    const slow = { throttleInitialMs: 200, transientInitialMs: 200, maxMs: 400 };
    const result = await new MessageSender(fleet, new CorrelationCache(), systemClock, slow).send(
      sms({ expiresAt: Date.now() + 1300 }),
      'normal',
      signal,
    );
    expect(result).toMatchObject({
      status: 'failed',
      reasonCode: 'CARRIER_TRANSIENT',
      carrierId: 'a',
      rawStatus: 'ESME_RTHROTTLED',
    });
  });

  it('gives the claim back on shutdown when nothing was accepted', async () => {
    const fleet = new FakeFleet([carrier('a', 1)], { a: [throttled()] });
    const abort = new AbortController();
    const pending = new MessageSender(fleet, new CorrelationCache(), systemClock, {
      throttleInitialMs: 10_000,
      transientInitialMs: 10_000,
      maxMs: 10_000,
    }).send(sms(), 'normal', abort.signal);
    await new Promise((r) => setTimeout(r, 20));
    abort.abort();
    expect(await pending).toEqual({ status: 'aborted' });
  });

  it('fails a destination no carrier serves', async () => {
    const fleet = new FakeFleet([carrier('a', 1)], {});
    const result = await new MessageSender(fleet, new CorrelationCache(), systemClock, fast).send(
      sms({ country: 'FR', destination: '+33612345678' }),
      'normal',
      signal,
    );
    expect(result).toMatchObject({ status: 'failed', reasonCode: 'CONFIG_INVALID' });
  });

  describe('the start mark (claimed -> submitting) before the first submit', () => {
    const marking = (fleet: FakeFleet, answer: boolean | (() => boolean) = true) => ({
      markStarted: async () => {
        fleet.events.push('mark');
        return typeof answer === 'function' ? answer() : answer;
      },
    });

    it('marks once, after the window slot and before the first submit; a retry is not marked again', async () => {
      const fleet = new FakeFleet([carrier('a', 1)], { a: [throttled([[0, 'A1']]), ok(['A1', 'A2'])] });
      const result = await new MessageSender(fleet, new CorrelationCache(), systemClock, fast).send(
        sms(),
        'normal',
        signal,
        marking(fleet),
      );
      expect(result).toMatchObject({ status: 'submitted', attempt: 2 });
      expect(fleet.events).toEqual(['reserve a 2', 'mark', 'submit a', 'give a', 'reserve a 1', 'submit a', 'give a']);
    });

    it('does not send a message whose claim another process took over', async () => {
      const fleet = new FakeFleet([carrier('a', 1)], { a: [ok(['A1', 'A2'])] });
      const result = await new MessageSender(fleet, new CorrelationCache(), systemClock, fast).send(
        sms(),
        'normal',
        signal,
        marking(fleet, false),
      );
      expect(result).toEqual({ status: 'lost' });
      expect(fleet.calls).toEqual([]);
      expect(fleet.events).toEqual(['reserve a 2', 'mark', 'give a']);
    });

    it('expires a message whose TTL ran out while its mark was being written, without a submit', async () => {
      const fleet = new FakeFleet([carrier('a', 1)], { a: [ok(['A1', 'A2'])] });
      let now = Date.now();
      const clock = { now: () => new Date(now) };
      const hooks = marking(fleet, () => ((now += 60_000), true));
      const result = await new MessageSender(fleet, new CorrelationCache(), clock, fast).send(
        sms({ expiresAt: now + 30_000 }),
        'normal',
        signal,
        hooks,
      );
      expect(result).toMatchObject({ status: 'expired', attempt: 0 });
      expect(fleet.calls).toEqual([]);
    });

    it('neither marks nor submits while no window slot is free (the TTL ends it)', async () => {
      const fleet = new FakeFleet([carrier('a', 1)], { a: [ok(['A1', 'A2'])] });
      fleet.windowFree = false;
      const result = await new MessageSender(fleet, new CorrelationCache(), systemClock, fast).send(
        sms({ expiresAt: Date.now() + 1050 }),
        'normal',
        signal,
        marking(fleet),
      );
      expect(result).toMatchObject({ status: 'expired', attempt: 0 });
      expect(fleet.events).toEqual([]);
    });
  });

  describe('parking (the batch bound)', () => {
    const hooks = (parkAt: number, parks = 0) => ({ markStarted: async () => true, parkAt, parks });

    it('parks at once, with a backoff, when no route is usable', async () => {
      const fleet = new FakeFleet([carrier('a', 1)], { a: [] });
      fleet.down.add('a');
      const now = Date.now();
      const result = await new MessageSender(
        fleet,
        new CorrelationCache(),
        { now: () => new Date(now) },
        fast,
        () => 1,
      ).send(sms(), 'normal', signal, hooks(now + 2000));
      expect(result).toEqual({
        status: 'parked',
        nextAttemptAt: now + 1000,
        reason: expect.stringContaining('no usable route'),
      });
      expect(fleet.calls).toEqual([]);
    });

    it('backs off longer the more often it was parked, never past the TTL', async () => {
      const fleet = new FakeFleet([carrier('a', 1)], { a: [] });
      fleet.down.add('a');
      const now = Date.now();
      const sender = new MessageSender(
        fleet,
        new CorrelationCache(),
        { now: () => new Date(now) },
        { ...fast, maxMs: 10_000 },
        () => 1,
      );
      expect(
        await sender.send(sms({ expiresAt: now + 600_000 }), 'normal', signal, hooks(now + 2000, 3)),
      ).toMatchObject({ nextAttemptAt: now + 8000 });
      expect(await sender.send(sms({ expiresAt: now + 5000 }), 'normal', signal, hooks(now + 2000, 3))).toMatchObject({
        nextAttemptAt: now + 5000,
      });
    });

    it('parks a throttled message whose next retry would pass the batch bound', async () => {
      const fleet = new FakeFleet([carrier('a', 1)], { a: [throttled()] });
      const now = Date.now();
      const slow = { throttleInitialMs: 5000, transientInitialMs: 5000, maxMs: 5000 };
      const result = await new MessageSender(
        fleet,
        new CorrelationCache(),
        { now: () => new Date(now) },
        slow,
        () => 1,
      ).send(sms(), 'normal', signal, hooks(now + 2000));
      expect(result).toMatchObject({ status: 'parked', nextAttemptAt: now + 5000 });
    });

    it('keeps a partly accepted message on its carrier rather than parking it', async () => {
      const fleet = new FakeFleet([carrier('a', 1)], { a: [throttled([[0, 'A1']]), ok(['A1', 'A2'])] });
      const slow = { throttleInitialMs: 100, transientInitialMs: 100, maxMs: 100 };
      const result = await new MessageSender(fleet, new CorrelationCache(), systemClock, slow).send(
        sms(),
        'normal',
        signal,
        hooks(Date.now() + 10),
      );
      expect(result).toMatchObject({ status: 'submitted', attempt: 2 });
    });
  });
});
