import { Topics } from '@herald/contracts';
import type { KafkaProbe } from '@herald/testing';
import { frenchMobile, orderNumber } from './fixtures';

const BATCH = 50;

export interface Customer {
  firstName: string;
  phone: string;
  locale: string;
  timezone: string;
}

const french = (i: number): Customer => ({
  firstName: 'Amélie',
  phone: frenchMobile(i),
  locale: 'fr-FR',
  timezone: 'Europe/Paris',
});

/**
 * Publishes one order.placed event per id at about `rate` events/s (read before each batch, so a
 * test can change it mid-run), in batches of 50 (or `batch`), as a shop would; a produce that
 * fails (the broker is being restarted by a test) is retried until it lands. `onBatch` hears the
 * count published and the batch's `ce_time` (epoch ms); `customerOf` picks the recipient of the
 * i-th event (a French mobile by default).
 */
export async function publishOrders(
  probe: KafkaProbe,
  ids: string[],
  rate: number | (() => number),
  source: string,
  onBatch: (published: number, at: number, batch: string[]) => void = () => undefined,
  customerOf: (i: number) => Customer = french,
  batchSize = BATCH,
): Promise<void> {
  const rateNow = typeof rate === 'number' ? () => rate : rate;
  let due = Date.now();
  for (let i = 0; i < ids.length; i += batchSize) {
    const at = Date.now();
    const batchIds = ids.slice(i, i + batchSize);
    const batch = batchIds.map((id, j) => ({
      key: id,
      value: JSON.stringify({
        orderId: orderNumber(i + j),
        customer: customerOf(i + j),
        total: { amount: '49.90', currency: 'EUR' },
      }),
      headers: {
        ce_id: id,
        ce_type: Topics.OrderPlaced,
        ce_source: source,
        ce_time: new Date(at).toISOString(),
        ce_specversion: '1.0',
      },
    }));
    for (;;) {
      try {
        await probe.produceRaw(Topics.OrderPlaced, batch);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    onBatch(Math.min(ids.length, i + batchSize), at, batchIds);
    // Open loop: the schedule runs on from the start, so a slow produce does not lower the rate.
    due += (batchSize / rateNow()) * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
  }
}
