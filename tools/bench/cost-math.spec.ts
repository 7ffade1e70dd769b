import { byTopic, consumedDelta, cpuMsPerMessage, delta, latencyRates, perMessage, total } from './cost-math';

describe('cost arithmetic', () => {
  it('takes deltas of cumulative counters, a new name counting from 0', () => {
    expect(delta({ a: 10, b: 5 }, { a: 25, b: 5, c: 3 })).toEqual({ a: 15, b: 0, c: 3 });
  });

  it('counts a counter that went back (a restarted process) from 0, never negative', () => {
    expect(delta({ dispatch: 900 }, { dispatch: 40 })).toEqual({ dispatch: 40 });
  });

  it('divides by messages, and gives NaN rather than 0 when there were none', () => {
    expect(perMessage(7000, 1000)).toBe(7);
    expect(perMessage(5, 0)).toBeNaN();
    expect(total({ a: 1, b: 2.5 })).toBe(3.5);
  });

  it('turns CPU seconds into milliseconds per message per process', () => {
    expect(cpuMsPerMessage({ dispatch: 2, receipts: 0.5 }, 1000)).toEqual({ dispatch: 2, receipts: 0.5 });
  });

  it('sums partitions per topic and leaves out what nameOf rejects', () => {
    const c = { 'sms.status.v1 0': 4, 'sms.status.v1 1': 6, 'order.placed 0': 10 };
    expect(byTopic(c, (k) => (k.startsWith('order.') ? undefined : k.split(' ')[0]))).toEqual({ 'sms.status.v1': 10 });
  });

  it('counts consumption from committed offsets, from the end offset where a partition had no commit', () => {
    const before = {
      committed: { 'receipts sms.status.v1 0': 100, 'receipts sms.status.v1 1': -1, 'receipts sms.status.v1 2': -1 },
      partitionEnds: { 'sms.status.v1 1': 50, 'sms.status.v1 2': 70 },
    };
    const after = {
      committed: { 'receipts sms.status.v1 0': 130, 'receipts sms.status.v1 1': 60, 'receipts sms.status.v1 2': -1 },
    };
    expect(consumedDelta(before, after)).toEqual({ 'receipts sms.status.v1 0': 30, 'receipts sms.status.v1 1': 10 });
  });

  it('plans the latency rates: the fixed low rate, then fractions of the capacity', () => {
    expect(latencyRates(1000, 50, [0.25, 0.5, 0.75])).toEqual([
      { label: '50 msg/s', rate: 50 },
      { label: '25% of capacity', rate: 250 },
      { label: '50% of capacity', rate: 500 },
      { label: '75% of capacity', rate: 750 },
    ]);
    expect(latencyRates(0, 50, [0.5])[1].rate).toBe(1);
  });
});
