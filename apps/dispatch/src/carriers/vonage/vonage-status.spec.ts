import { DLR_ERRORS, DLR_STATUSES, dlrState, judgeSendStatus, safeText } from './vonage-status';

describe('Vonage delivery receipt status', () => {
  it.each([
    ['accepted', 'enroute'],
    ['buffered', 'enroute'],
    ['delivered', 'delivered'],
    ['expired', 'expired'],
    ['failed', 'undelivered'],
    ['rejected', 'rejected'],
    ['unknown', 'unknown'],
  ])('%s -> %s', (status, state) => {
    expect(dlrState(status)).toBe(state);
  });

  it('knows every documented status and nothing else', () => {
    expect(DLR_STATUSES.sort()).toEqual([
      'accepted',
      'buffered',
      'delivered',
      'expired',
      'failed',
      'rejected',
      'unknown',
    ]);
    expect(dlrState('DELIVRD')).toBeUndefined();
    expect(dlrState('toString')).toBeUndefined();
    expect(dlrState('')).toBeUndefined();
  });

  it('documents every err-code of the delivery receipt guide', () => {
    expect(Object.keys(DLR_ERRORS)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
      '99',
    ]);
  });
});

describe('Vonage send status', () => {
  it('1 (throttled) and 10 (too many binds) slow down without a retry here', () => {
    expect(judgeSendStatus('1', 'Throughput Rate Exceeded')).toEqual({
      final: { kind: 'throttled', rawStatus: '1', acceptedParts: new Map() },
    });
    expect(judgeSendStatus('10')).toMatchObject({ final: { kind: 'throttled', rawStatus: '10' } });
  });

  it('5 (internal error) is retried, then transient', () => {
    expect(judgeSendStatus('5', 'Internal Error')).toEqual({
      retry: true,
      ifExhausted: {
        kind: 'transient',
        rawStatus: '5',
        reason: 'vonage status 5 (internal error): Internal Error',
        acceptedParts: new Map(),
      },
    });
  });

  it('9 (no credit) is transient without an immediate retry', () => {
    expect(judgeSendStatus('9')).toMatchObject({ final: { kind: 'transient', rawStatus: '9' } });
  });

  it.each(['2', '3', '4', '6', '7', '8', '11', '12', '14', '15', '22', '23', '29', '32', '33'])(
    '%s is permanent',
    (status) => {
      expect(judgeSendStatus(status, 'x')).toMatchObject({ final: { kind: 'permanent', rawStatus: status } });
    },
  );

  it('an undocumented status is permanent, never resent', () => {
    expect(judgeSendStatus('77', 'what')).toEqual({
      final: { kind: 'permanent', rawStatus: '77', reason: 'vonage status 77 (undocumented status): what' },
    });
  });

  it('keeps numbers out of reasons and bounds their length', () => {
    expect(safeText('Invalid to: +4915112345678 and 4915112345678')).toBe('Invalid to: <number> and <number>');
    expect(safeText('x'.repeat(500))).toHaveLength(120);
    expect(judgeSendStatus('29', 'Non White-listed Destination 491511234567')).toMatchObject({
      final: { reason: expect.not.stringContaining('491511234567') },
    });
  });
});
