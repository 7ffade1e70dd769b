import { reconnectDelay } from './backoff';
import { PendingRequests } from './pending-requests';
import { SubmitWindow } from './submit-window';

describe('SubmitWindow', () => {
  it('admits up to capacity, then queues in FIFO order', () => {
    const w = new SubmitWindow<string>(2);
    expect(['a', 'b', 'c', 'd'].map((x) => w.offer(x))).toEqual([true, true, false, false]);
    expect([w.inFlight, w.queued]).toEqual([2, 2]);
    expect(w.release()).toBe('c');
    expect(w.release()).toBe('d');
    expect([w.inFlight, w.queued]).toEqual([2, 0]);
    expect(w.release()).toBeUndefined();
    expect(w.inFlight).toBe(1);
  });

  it('does not let a newcomer overtake the queue', () => {
    const w = new SubmitWindow<number>(1);
    w.offer(1);
    w.offer(2);
    expect(w.release()).toBe(2);
    expect(w.offer(3)).toBe(false);
  });

  it('clears queued items for rejection', () => {
    const w = new SubmitWindow<number>(1);
    [1, 2, 3].forEach((n) => w.offer(n));
    expect(w.clear()).toEqual([2, 3]);
    expect([w.inFlight, w.queued]).toEqual([0, 0]);
  });

  it('rejects a non-positive capacity', () => {
    expect(() => new SubmitWindow(0)).toThrow(RangeError);
  });
});

describe('PendingRequests', () => {
  const req = (sequenceNumber: number, deadline: number) => ({
    kind: 'submit' as const,
    sequenceNumber,
    deadline,
    onResponse: jest.fn(),
    onFailure: jest.fn(),
  });

  it('matches by sequence number and expires by deadline', () => {
    const p = new PendingRequests();
    [req(1, 100), req(2, 200), req(3, 150)].forEach((r) => p.add(r));
    expect(p.take(2)?.sequenceNumber).toBe(2);
    expect(p.take(2)).toBeUndefined();
    expect(p.takeExpired(150).map((r) => r.sequenceNumber)).toEqual([1, 3]);
    expect(p.size).toBe(0);
  });
});

describe('reconnectDelay', () => {
  const opts = { minMs: 500, maxMs: 30000 };
  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [7, 30000],
    [20, 30000],
  ])('attempt %i waits %i ms without jitter', (attempt, ms) => {
    expect(reconnectDelay(attempt, opts, () => 0.5)).toBe(ms);
  });

  it('jitters within [min, max]', () => {
    expect(reconnectDelay(1, opts, () => 0)).toBe(500);
    expect(reconnectDelay(2, opts, () => 1)).toBe(1200);
    expect(reconnectDelay(9, opts, () => 1)).toBe(30000);
  });
});
