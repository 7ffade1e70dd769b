import { Topics } from '@herald/contracts';
import type { KafkaProbe } from '@herald/testing';
import type { ReceiptWatcher } from './receipt-watcher';
import { frenchMobile, orderNumber } from './fixtures';

/** Publishes `count` valid order.placed events and resolves with events per second to final receipts. */
export async function cleanStreamRate(
  probe: KafkaProbe,
  watcher: ReceiptWatcher,
  run: string,
  count: number,
  phoneBase: number,
  interleave: Array<() => Promise<void>> = [],
): Promise<number> {
  const ids = Array.from({ length: count }, (_, i) => `clean-${run}-${i}`);
  const started = Date.now();
  const every = Math.max(1, Math.floor(count / Math.max(1, interleave.length)));
  for (let i = 0; i < ids.length; i += 50) {
    // The bad inputs due in this stretch go out beside the clean batch, not one after another
    // before it: the test's own produce round trips must not be what slows the mixed stream.
    const due: Array<() => Promise<void>> = [];
    for (let k = i; k < i + 50 && k < ids.length; k++)
      if (k % every === 0 && interleave.length > 0) due.push(interleave.shift()!);
    await Promise.all([
      probe.produceRaw(
        Topics.OrderPlaced,
        ids.slice(i, i + 50).map((id, j) => ({
          key: id,
          value: JSON.stringify({
            orderId: orderNumber(i + j),
            customer: { firstName: 'Amélie', phone: frenchMobile(phoneBase + i + j), locale: 'fr-FR' },
            total: { amount: '49.90', currency: 'EUR' },
          }),
          headers: {
            ce_id: id,
            ce_type: Topics.OrderPlaced,
            ce_source: 'e2e/clean',
            ce_time: new Date().toISOString(),
            ce_specversion: '1.0',
          },
        })),
      ),
      ...due.map((send) => send()),
    ]);
  }
  await Promise.all(interleave.splice(0).map((rest) => rest()));
  const deadline = Date.now() + 300000;
  while (watcher.finalizedEvents(ids).size < ids.length && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  const done = watcher.finalizedEvents(ids).size;
  if (done < ids.length) throw new Error(`only ${done} of ${ids.length} clean events reached a final receipt`);
  return ids.length / ((Date.now() - started) / 1000);
}
