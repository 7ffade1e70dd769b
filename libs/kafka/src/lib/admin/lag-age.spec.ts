import { LogEndHistory } from './lag-age';

describe('LogEndHistory', () => {
  it('is 0 when the group is caught up', () => {
    const h = new LogEndHistory();
    h.record(10, 1000);
    expect(h.ageSeconds(10, 10, 5000)).toBe(0);
  });

  it('dates the oldest unconsumed record by the first sample whose log end passed it', () => {
    const h = new LogEndHistory();
    h.record(10, 0);
    h.record(20, 5000);
    h.record(30, 10000);
    // committed 15: record 15 was appended between t=0 and t=5000; the sample at 5000 proves it.
    expect(h.ageSeconds(15, 30, 12000)).toBe(7);
    expect(h.ageSeconds(5, 30, 12000)).toBe(12);
  });

  it('ignores unchanged samples and bounds its memory', () => {
    const h = new LogEndHistory(2);
    h.record(1, 0);
    h.record(1, 1000);
    h.record(2, 2000);
    h.record(3, 3000);
    expect(h.ageSeconds(0, 3, 4000)).toBe(2);
  });
});
