import { WindowGate } from './window-gate';

describe('WindowGate (dispatch-side submit window)', () => {
  it('lets up to the capacity through at once and the next one when a slot is given back', async () => {
    const gate = new WindowGate(2);
    expect(await gate.take(1, 1000)).toBe(true);
    expect(await gate.take(1, 1000)).toBe(true);
    const third = gate.take(1, 1000);
    expect(gate.waiting).toBe(1);
    gate.give(1);
    expect(await third).toBe(true);
    expect(gate.inUse).toBe(2);
  });

  it('serves waiters in arrival order, a multipart message taking several slots', async () => {
    const gate = new WindowGate(3);
    await gate.take(3, 1000);
    const order: string[] = [];
    const big = gate.take(2, 1000).then(() => order.push('big'));
    const small = gate.take(1, 1000).then(() => order.push('small'));
    gate.give(1);
    gate.give(1);
    await Promise.all([big, small]);
    expect(order).toEqual(['big', 'small']);
  });

  it('caps a message longer than the window at the whole window', async () => {
    const gate = new WindowGate(2);
    expect(await gate.take(5, 0)).toBe(true);
    expect(gate.inUse).toBe(2);
    gate.give(5);
    expect(gate.inUse).toBe(0);
  });

  it('gives up at the wait bound or on abort, leaving the slots to the next waiter', async () => {
    const gate = new WindowGate(1);
    await gate.take(1, 0);
    expect(await gate.take(1, 0)).toBe(false);
    expect(await gate.take(1, 5)).toBe(false);
    const controller = new AbortController();
    const aborted = gate.take(1, 10_000, controller.signal);
    const next = gate.take(1, 10_000);
    controller.abort();
    expect(await aborted).toBe(false);
    gate.give(1);
    expect(await next).toBe(true);
  });
});
