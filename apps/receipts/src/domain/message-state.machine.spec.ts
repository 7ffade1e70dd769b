import type { CanonicalState, DeliveryState, InternalStatus } from '@herald/contracts';
import type { DlrEvent, MessageEvent, MessageRecord, StatusEvent } from './message-record';
import { acceptsDlr, applyDlr, applyStatus, applyTimeout, type Transition } from './message-state.machine';
import { receiptIdFor } from './receipt.builder';

const MESSAGE_ID = '6f1c2a52-8d0e-5d2b-9a51-0c4f3b7e2a10';
const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const opts = { dlrTimeoutMs: 72 * 3600 * 1000 };
// The states dispatch's SMPP plugin gives these stat words; smsc-b is configured with acceptdAs: delivered.
const STATE_OF: Record<string, DeliveryState> = {
  DELIVRD: 'delivered',
  UNDELIV: 'undelivered',
  REJECTD: 'rejected',
  UNKNOWN: 'unknown',
  ENROUTE: 'enroute',
  ACCEPTD: 'enroute',
};

const meta = {
  sourceEventId: 'ev-1',
  sourceEventType: 'order.placed',
  templateKey: 'order_placed',
  locale: 'fr-FR',
  category: 'transactional' as const,
  country: 'FR',
  recipientToken: 'a'.repeat(64),
};

function status(s: InternalStatus, seconds: number, extra: Partial<StatusEvent> = {}): StatusEvent {
  const carrier = s === 'submitted' ? { carrierId: 'smsc-a', carrierMessageId: 'cm-1' } : {};
  return {
    kind: 'status',
    messageId: MESSAGE_ID,
    status: s,
    at: at(seconds),
    service: 'dispatch',
    meta,
    ...carrier,
    ...extra,
  };
}

function dlr(rawStat: string, seconds: number, carrierId = 'smsc-a'): DlrEvent {
  const state = rawStat === 'ACCEPTD' && carrierId === 'smsc-b' ? 'delivered' : STATE_OF[rawStat];
  if (!state) throw new Error(`unmapped ${rawStat}`);
  return { kind: 'dlr', carrierId, carrierMessageId: 'cm-1', rawStat, state, at: at(seconds) };
}

/** Threads events through the machine the way the service does: a DLR waits until a submit is recorded. */
function run(events: MessageEvent[]): { record?: MessageRecord; transitions: Transition[]; held: DlrEvent[] } {
  let record: MessageRecord | undefined;
  const transitions: Transition[] = [];
  let held: DlrEvent[] = [];
  const step = (t: Transition) => {
    record = t.record;
    transitions.push(t);
  };
  for (const e of events) {
    if (e.kind === 'status') step(applyStatus(record, e, opts));
    else if (e.kind === 'timeout') step(applyTimeout(record!, e));
    else if (acceptsDlr(record)) step(applyDlr(record, e, opts));
    else held.push(e);
    if (acceptsDlr(record)) {
      for (const h of held) step(applyDlr(record!, h, opts));
      held = [];
    }
  }
  return { record, transitions, held };
}

const states = (ts: Transition[]) => ts.filter((t) => t.receipt).map((t) => t.receipt!.state);
const ignored = (ts: Transition[]) =>
  ts.filter((t) => !t.entry.applied).map((t) => t.entry.ignoredReason ?? 'informational');

describe('message state machine', () => {
  it.each<[string, MessageEvent[], CanonicalState[], string[], CanonicalState]>([
    [
      'in order',
      [status('accepted', 0), status('submitted', 1), dlr('DELIVRD', 5)],
      ['accepted', 'submitted', 'delivered'],
      [],
      'delivered',
    ],
    [
      'DLR before its submit is held, then applied',
      [status('accepted', 0), dlr('DELIVRD', 2), status('submitted', 1)],
      ['accepted', 'submitted', 'delivered'],
      [],
      'delivered',
    ],
    [
      'DLR before the message is known at all',
      [dlr('UNDELIV', 2), status('submitted', 1)],
      ['submitted', 'undelivered'],
      [],
      'undelivered',
    ],
    [
      'duplicate DLR',
      [status('accepted', 0), status('submitted', 1), dlr('DELIVRD', 5), dlr('DELIVRD', 6)],
      ['accepted', 'submitted', 'delivered'],
      ['duplicate'],
      'delivered',
    ],
    [
      'late DLR after final',
      [status('submitted', 1), dlr('DELIVRD', 5), dlr('UNDELIV', 9)],
      ['submitted', 'delivered'],
      ['after_final'],
      'delivered',
    ],
    [
      'intermediate then final',
      [status('submitted', 1), dlr('ENROUTE', 2), dlr('DELIVRD', 5)],
      ['submitted', 'enroute', 'delivered'],
      [],
      'delivered',
    ],
    [
      'ACCEPTD is enroute by default',
      [status('submitted', 1), dlr('ACCEPTD', 2)],
      ['submitted', 'enroute'],
      [],
      'enroute',
    ],
    [
      'ACCEPTD is delivered for a carrier configured so',
      [status('submitted', 1), dlr('ACCEPTD', 2, 'smsc-b')],
      ['submitted', 'delivered'],
      [],
      'delivered',
    ],
    [
      'status redelivered after the DLR',
      [status('submitted', 1), dlr('ENROUTE', 2), status('submitted', 1)],
      ['submitted', 'enroute'],
      ['not_forward'],
      'enroute',
    ],
    [
      'accepted arriving after submitted',
      [status('submitted', 1), status('accepted', 0)],
      ['submitted'],
      ['not_forward'],
      'submitted',
    ],
    [
      'deferred then approved is not forward',
      [status('accepted', 0), status('deferred', 1), status('approved', 2)],
      ['accepted', 'deferred'],
      ['not_forward'],
      'deferred',
    ],
    [
      'suppressed is final',
      [status('accepted', 0), status('suppressed', 1, { reasonCode: 'OPTED_OUT' }), status('submitted', 2)],
      ['accepted', 'suppressed'],
      ['after_final'],
      'suppressed',
    ],
    [
      'failed before the carrier',
      [status('accepted', 0), status('failed', 1, { reasonCode: 'CARRIER_PERMANENT', rawStatus: 'ESME_RINVDSTADR' })],
      ['accepted', 'failed'],
      [],
      'failed',
    ],
    [
      'ambiguous submit reconciled by a DLR',
      [status('accepted', 0), status('ambiguous', 1), dlr('DELIVRD', 4)],
      ['accepted', 'delivered'],
      ['informational'],
      'delivered',
    ],
    [
      'timeout after submit',
      [status('submitted', 1), { kind: 'timeout', at: at(9) }],
      ['submitted', 'unknown'],
      [],
      'unknown',
    ],
    [
      'DLR after the timeout is ignored',
      [status('submitted', 1), { kind: 'timeout', at: at(9) }, dlr('DELIVRD', 10)],
      ['submitted', 'unknown'],
      ['after_final'],
      'unknown',
    ],
    [
      'UNKNOWN stat is final',
      [status('submitted', 1), dlr('UNKNOWN', 3), dlr('DELIVRD', 4)],
      ['submitted', 'unknown'],
      ['after_final'],
      'unknown',
    ],
    [
      'EXPIRED, REJECTD, DELETED',
      [status('submitted', 1), dlr('REJECTD', 3)],
      ['submitted', 'rejected'],
      [],
      'rejected',
    ],
  ])('%s', (_name, events, expectedReceipts, expectedIgnored, finalState) => {
    const { record, transitions, held } = run(events);
    expect(states(transitions)).toEqual(expectedReceipts);
    expect(ignored(transitions)).toEqual(expectedIgnored);
    expect(record?.state).toBe(finalState);
    expect(held).toEqual([]);
  });

  it('fills previousState, isFinal, raw codes and latencies on the final receipt', () => {
    const { transitions } = run([
      status('accepted', 0),
      status('submitted', 2),
      { ...dlr('UNDELIV', 7), rawErr: '011' },
    ]);
    const final = transitions.at(-1)!.receipt!;
    expect(final).toMatchObject({
      state: 'undelivered',
      previousState: 'submitted',
      isFinal: true,
      rawStatus: 'UNDELIV',
      rawErrorCode: '011',
      carrierId: 'smsc-a',
      acceptedAt: at(0),
      submittedAt: at(2),
      occurredAt: at(7),
      latencyMs: { acceptedToSubmitted: 2000, submittedToFinal: 5000 },
    });
    expect(JSON.stringify(final)).not.toMatch(/phone|body/i);
  });

  it('never reports negative latency when service clocks disagree', () => {
    const { transitions } = run([status('accepted', 5), status('submitted', 2), dlr('DELIVRD', 1)]);
    expect(transitions.at(-1)!.receipt!.latencyMs).toEqual({ acceptedToSubmitted: 0, submittedToFinal: 0 });
  });

  it('arms a deadline while live and clears it once final', () => {
    const live = run([status('submitted', 1)]).record!;
    expect(live.deadlineAt).toBe(new Date(T0 + 1000 + opts.dlrTimeoutMs).toISOString());
    expect(run([status('submitted', 1), dlr('DELIVRD', 3)]).record!.deadlineAt).toBeUndefined();
  });

  it('names the timeout reason by whether the carrier ever had the message', () => {
    expect(run([status('submitted', 1), { kind: 'timeout', at: at(9) }]).transitions.at(-1)!.receipt!.reasonCode).toBe(
      'DLR_TIMEOUT',
    );
    expect(run([status('accepted', 0), { kind: 'timeout', at: at(9) }]).transitions.at(-1)!.receipt!.reasonCode).toBe(
      'STATUS_TIMEOUT',
    );
  });

  it('keeps the event keys stable so redeliveries add no timeline row', () => {
    const a = run([status('submitted', 1), dlr('DELIVRD', 5), dlr('DELIVRD', 5)]).transitions.map(
      (t) => t.entry.eventKey,
    );
    expect(a[1]).toBe(a[2]);
    expect(a[1]).toBe('dlr:smsc-a:cm-1:DELIVRD:');
  });

  it('holds a DLR for a message that is accepted but not yet submitted', () => {
    expect(run([status('accepted', 0), dlr('DELIVRD', 1)]).held).toHaveLength(1);
  });

  it('gives each transition a stable CloudEvent id, distinct per state', () => {
    expect(receiptIdFor(MESSAGE_ID, 'delivered')).toBe(receiptIdFor(MESSAGE_ID, 'delivered'));
    expect(receiptIdFor(MESSAGE_ID, 'delivered')).not.toBe(receiptIdFor(MESSAGE_ID, 'submitted'));
  });

  it('creates a message from an ambiguous status as accepted, with DLRs let through', () => {
    const { record, transitions } = run([status('ambiguous', 1, { carrierId: 'smsc-a', carrierMessageId: 'cm-1' })]);
    expect(states(transitions)).toEqual(['accepted']);
    expect(record).toMatchObject({ ambiguousAt: at(1), carrierMessageId: 'cm-1' });
    expect(acceptsDlr(record)).toBe(true);
  });

  it('takes segments and encoding from a later stage without losing earlier meta', () => {
    const later = status('submitted', 1, { meta: { ...meta, segments: 2, encoding: 'UCS2' } });
    const { record } = run([status('accepted', 0), later]);
    expect(record!.meta).toMatchObject({ sourceEventId: 'ev-1', segments: 2, encoding: 'UCS2' });
  });
});
