import { smppStatState } from './smpp-status';

describe('smppStatState', () => {
  it.each([
    ['DELIVRD', 'delivered'],
    ['UNDELIV', 'undelivered'],
    ['DELETED', 'undelivered'],
    ['EXPIRED', 'expired'],
    ['REJECTD', 'rejected'],
    ['UNKNOWN', 'unknown'],
    ['ENROUTE', 'enroute'],
    ['ACCEPTD', 'enroute'],
    ['delivered', 'delivered'],
    ['Undeliverable', 'undelivered'],
    ['SCHEDLD', 'enroute'],
  ])('%s -> %s', (stat, state) => {
    expect(smppStatState(stat, 'enroute')).toBe(state);
  });

  it.each(['BOGUS', '', '42'])('leaves %j unmapped', (stat) => {
    expect(smppStatState(stat, 'enroute')).toBeUndefined();
  });

  it("reads ACCEPTD as the carrier's acceptdAs says", () => {
    expect(smppStatState('ACCEPTD', 'delivered')).toBe('delivered');
    expect(smppStatState('ACCEPTD', 'enroute')).toBe('enroute');
  });
});
