import { CommandStatus } from '@herald/smpp';
import { foldPartResults, type PartResult } from './smpp-outcome';

const ok = (index: number, messageId: string): PartResult => ({ index, kind: 'resp', status: 0, messageId });
const resp = (index: number, status: number): PartResult => ({ index, kind: 'resp', status });
const err = (index: number, code: string, maybeSubmitted: boolean): PartResult => ({
  index,
  kind: 'error',
  code,
  maybeSubmitted,
  message: `${code} on part ${index}`,
});
const none = new Map<number, string>();

describe('foldPartResults', () => {
  it('is submitted when every part was accepted, ids in part order', () => {
    expect(foldPartResults(3, none, [ok(2, 'C'), ok(0, 'A'), ok(1, 'B')])).toEqual({
      kind: 'submitted',
      carrierMessageIds: ['A', 'B', 'C'],
      segments: 3,
    });
  });

  it('counts parts accepted on an earlier attempt', () => {
    expect(foldPartResults(2, new Map([[0, 'A']]), [ok(1, 'B')])).toEqual({
      kind: 'submitted',
      carrierMessageIds: ['A', 'B'],
      segments: 2,
    });
  });

  it.each([
    [
      'ESME_RTHROTTLED is throttled',
      [ok(0, 'A'), resp(1, CommandStatus.ESME_RTHROTTLED)],
      { kind: 'throttled', rawStatus: 'ESME_RTHROTTLED' },
    ],
    [
      'ESME_RMSGQFUL is throttled too',
      [resp(0, CommandStatus.ESME_RMSGQFUL)],
      { kind: 'throttled', rawStatus: 'ESME_RMSGQFUL' },
    ],
    [
      'ESME_RSYSERR is transient',
      [resp(0, CommandStatus.ESME_RSYSERR)],
      { kind: 'transient', rawStatus: 'ESME_RSYSERR' },
    ],
    [
      'not bound is transient (nothing was written)',
      [err(0, 'NOT_BOUND', false)],
      { kind: 'transient', rawStatus: 'NOT_BOUND' },
    ],
    [
      'a queued submit lost with the connection is transient',
      [err(0, 'CONNECTION_LOST', false)],
      { kind: 'transient', rawStatus: 'CONNECTION_LOST' },
    ],
    [
      'a written submit lost with the connection is ambiguous',
      [err(0, 'CONNECTION_LOST', true)],
      { kind: 'ambiguous', rawStatus: 'CONNECTION_LOST' },
    ],
    ['a timed-out submit is ambiguous', [err(0, 'TIMEOUT', true)], { kind: 'ambiguous', rawStatus: 'TIMEOUT' }],
    [
      'ESME_RINVDSTADR is permanent',
      [resp(0, CommandStatus.ESME_RINVDSTADR)],
      { kind: 'permanent', rawStatus: 'ESME_RINVDSTADR' },
    ],
    [
      'an unencodable PDU is permanent',
      [err(0, 'INVALID_PDU', false)],
      { kind: 'permanent', rawStatus: 'INVALID_PDU' },
    ],
    ['a vendor code is permanent', [resp(0, 0x401)], { kind: 'permanent', rawStatus: '0x00000401' }],
    [
      'permanent beats ambiguous',
      [err(0, 'TIMEOUT', true), resp(1, CommandStatus.ESME_RINVDSTADR)],
      { kind: 'permanent' },
    ],
    [
      'ambiguous beats transient and throttled',
      [resp(0, CommandStatus.ESME_RTHROTTLED), err(1, 'CONNECTION_LOST', true), resp(2, CommandStatus.ESME_RSYSERR)],
      { kind: 'ambiguous' },
    ],
    [
      'transient beats throttled',
      [resp(0, CommandStatus.ESME_RTHROTTLED), resp(1, CommandStatus.ESME_RSYSERR)],
      { kind: 'transient' },
    ],
  ] as const)('%s', (_name, results, expected) => {
    expect(foldPartResults(3, none, results)).toMatchObject(expected);
  });

  it('returns the parts accepted so far so a retry sends only the rest', () => {
    const outcome = foldPartResults(3, new Map([[0, 'A']]), [ok(1, 'B'), resp(2, CommandStatus.ESME_RTHROTTLED)]);
    expect(outcome.kind === 'throttled' && [...outcome.acceptedParts]).toEqual([
      [0, 'A'],
      [1, 'B'],
    ]);
  });

  it('applies per-carrier status overrides', () => {
    expect(foldPartResults(1, none, [resp(0, 0x401)], { 0x401: 'transient' })).toMatchObject({ kind: 'transient' });
  });

  it('treats an accepted resp without an id as accepted', () => {
    expect(foldPartResults(1, none, [resp(0, 0)])).toEqual({ kind: 'submitted', carrierMessageIds: [''], segments: 1 });
  });

  it('is transient when parts are simply missing', () => {
    expect(foldPartResults(2, none, [ok(0, 'A')])).toMatchObject({ kind: 'transient', rawStatus: 'PARTS_MISSING' });
  });
});
