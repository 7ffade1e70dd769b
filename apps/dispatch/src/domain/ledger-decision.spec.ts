import { decideConsumed, type LedgerRow } from './ledger-decision';
import type { StoredResult } from './message-result';

const submitted: StoredResult = {
  result: { status: 'submitted', carrierId: 'c1', carrierMessageIds: ['A1'], attempt: 1, segments: 1 },
  at: '2025-03-01T10:00:00.000Z',
};
const row = (over: Partial<LedgerRow>): LedgerRow => ({
  messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
  state: 'submitting',
  carrierId: null,
  carrierMessageIds: [],
  attempts: 1,
  segments: 2,
  result: null,
  ...over,
});
const idle = { inFlight: false, hasPendingOutcome: false };
const dlr = { carrierId: 'c2', carrierMessageIds: ['B7'] };

describe('decideConsumed (a consumed message, with or without a ledger row)', () => {
  it.each([
    [
      'no row and nothing of it here: sent (its start mark inserts the row)',
      undefined,
      idle,
      undefined,
      { action: 'send' },
    ],
    [
      'no row but its send loop runs here (waiting for tokens): skipped',
      undefined,
      { inFlight: true, hasPendingOutcome: false },
      undefined,
      { action: 'skip', reason: 'in_flight' },
    ],
    [
      'no row yet but its result waits to be written here: replayed from memory',
      undefined,
      { inFlight: false, hasPendingOutcome: true },
      undefined,
      { action: 'replay_pending' },
    ],
    [
      'settled: reports the stored result again, resends nothing',
      row({ state: 'submitted', result: submitted }),
      idle,
      undefined,
      { action: 'replay', stored: submitted },
    ],
    [
      'failed and expired rows replay the same way',
      row({ state: 'expired', result: submitted }),
      idle,
      undefined,
      { action: 'replay', stored: submitted },
    ],
    [
      'a settled row without a stored result is skipped',
      row({ state: 'failed' }),
      idle,
      undefined,
      { action: 'skip', reason: 'no_result' },
    ],
    [
      'still being sent by this process: nothing to do',
      row({}),
      { inFlight: true, hasPendingOutcome: false },
      undefined,
      { action: 'skip', reason: 'in_flight' },
    ],
    [
      'finished here, not yet written: report the known result',
      row({}),
      { inFlight: false, hasPendingOutcome: true },
      undefined,
      { action: 'replay_pending' },
    ],
    [
      'submitting with every part carrier id stored: proven submitted',
      row({ carrierId: 'c1', carrierMessageIds: ['A1', 'A2'] }),
      idle,
      undefined,
      { action: 'resolve_submitted', carrierId: 'c1', carrierMessageIds: ['A1', 'A2'] },
    ],
    [
      'submitting with some parts only: not proven',
      row({ carrierId: 'c1', carrierMessageIds: ['A1'] }),
      idle,
      undefined,
      { action: 'ambiguous' },
    ],
    [
      'submitting with a receipt seen for it: proven submitted',
      row({}),
      idle,
      dlr,
      { action: 'resolve_submitted', ...dlr },
    ],
    ['submitting with no evidence: ambiguous, never resent', row({}), idle, undefined, { action: 'ambiguous' }],
    [
      'claimed, never started: taken over and sent',
      row({ state: 'claimed' }),
      idle,
      undefined,
      { action: 'take_over' },
    ],
    [
      'claimed and being sent here: nothing to do',
      row({ state: 'claimed' }),
      { inFlight: true, hasPendingOutcome: false },
      undefined,
      { action: 'skip', reason: 'in_flight' },
    ],
    [
      'claimed with a receipt seen (cannot be: no submit): still taken over',
      row({ state: 'claimed' }),
      idle,
      dlr,
      { action: 'take_over' },
    ],
    [
      'parked: the releaser sends it when due, nothing to do here',
      row({ state: 'parked' }),
      idle,
      undefined,
      { action: 'skip', reason: 'parked' },
    ],
    [
      'ambiguous, then a receipt shows up: submitted',
      row({ state: 'ambiguous' }),
      idle,
      dlr,
      { action: 'resolve_submitted', ...dlr },
    ],
    [
      'ambiguous without news: report it again',
      row({ state: 'ambiguous', result: submitted }),
      idle,
      undefined,
      { action: 'replay', stored: submitted },
    ],
  ] as const)('%s', (_name, r, local, evidence, expected) => {
    expect(decideConsumed(r, local, evidence)).toEqual(expected);
  });
});
