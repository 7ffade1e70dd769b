import { outcomeReasonOf } from './outcome-reason';

describe('outcomeReasonOf', () => {
  const submitted = { kind: 'status' as const, state: 'submitted' as const, applied: true };

  it('takes the code and words of the status that made the message final', () => {
    const timeline = [
      {
        kind: 'status' as const,
        state: 'suppressed' as const,
        applied: true,
        reasonCode: 'OPTED_OUT',
        reason: 'recipient opted out of maison-durand',
      },
    ];
    expect(outcomeReasonOf('suppressed', timeline)).toEqual({
      reasonCode: 'OPTED_OUT',
      reason: 'recipient opted out of maison-durand',
    });
  });

  it('ignores entries that did not apply (a late DLR after the final state)', () => {
    const timeline = [
      submitted,
      {
        kind: 'status' as const,
        state: 'failed' as const,
        applied: true,
        reasonCode: 'CARRIER_PERMANENT',
        reason: 'ESME_RINVDSTADR',
      },
      { kind: 'status' as const, state: 'failed' as const, applied: false, reasonCode: 'OTHER', reason: 'duplicate' },
    ];
    expect(outcomeReasonOf('failed', timeline)).toEqual({ reasonCode: 'CARRIER_PERMANENT', reason: 'ESME_RINVDSTADR' });
  });

  it('names a carrier-reported outcome DLR_<stat> with the raw error in the words', () => {
    const timeline = [
      submitted,
      {
        kind: 'dlr' as const,
        state: 'undelivered' as const,
        applied: true,
        rawStatus: 'UNDELIV',
        rawErrorCode: '001',
        carrierId: 'sim-fr',
      },
    ];
    expect(outcomeReasonOf('undelivered', timeline)).toEqual({
      reasonCode: 'DLR_UNDELIV',
      reason: 'carrier sim-fr reported UNDELIV, error 001',
    });
  });

  it('explains a code without words from the catalogue or the timeout table', () => {
    expect(
      outcomeReasonOf('failed', [{ kind: 'status', state: 'failed', applied: true, reasonCode: 'UNKNOWN_TEMPLATE' }]),
    ).toEqual({
      reasonCode: 'UNKNOWN_TEMPLATE',
      reason: 'No template for the key in any fallback locale.',
    });
    expect(
      outcomeReasonOf('unknown', [
        submitted,
        { kind: 'timeout', state: 'unknown', applied: true, reasonCode: 'DLR_TIMEOUT' },
      ])?.reason,
    ).toContain('no final delivery receipt');
    expect(
      outcomeReasonOf('expired', [{ kind: 'status', state: 'expired', applied: true, reasonCode: 'TTL_EXPIRED' }]),
    ).toEqual({ reasonCode: 'TTL_EXPIRED', reason: 'TTL_EXPIRED' });
  });

  it('gives no reason for delivered or in-flight messages, or when the timeline has none', () => {
    expect(
      outcomeReasonOf('delivered', [
        submitted,
        { kind: 'dlr', state: 'delivered', applied: true, rawStatus: 'DELIVRD' },
      ]),
    ).toBeUndefined();
    expect(outcomeReasonOf('submitted', [submitted])).toBeUndefined();
    expect(outcomeReasonOf('failed', [])).toBeUndefined();
  });
});
