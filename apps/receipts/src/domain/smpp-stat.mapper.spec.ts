import { HeraldError } from '@herald/contracts';
import { AcceptdPolicy, mapCarrierStat, statLabel } from './smpp-stat.mapper';

describe('SMPP stat mapping', () => {
  const policy = AcceptdPolicy.parse('enroute');

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
    expect(mapCarrierStat(stat, 'any', policy)).toBe(state);
  });

  it.each(['BOGUS', '', '42'])('leaves %j unmapped', (stat) => {
    expect(mapCarrierStat(stat, 'any', policy)).toBeUndefined();
    expect(statLabel(stat)).toBe('OTHER');
  });

  it('reads ACCEPTD per carrier', () => {
    const p = AcceptdPolicy.parse('enroute,smsc-b:delivered, smsc-c:unknown');
    expect(mapCarrierStat('ACCEPTD', 'smsc-a', p)).toBe('enroute');
    expect(mapCarrierStat('ACCEPTD', 'smsc-b', p)).toBe('delivered');
    expect(mapCarrierStat('ACCEPTD', 'smsc-c', p)).toBe('unknown');
  });

  it.each(['submitted', 'enroute,x:failed', 'enroute,x'])('rejects policy %j', (spec) => {
    expect(() => AcceptdPolicy.parse(spec)).toThrow(HeraldError);
  });
});
