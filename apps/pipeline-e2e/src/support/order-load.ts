import { Topics } from '@herald/contracts';
import type { KafkaProbe } from '@herald/testing';
import { frenchMobile } from './fixtures';

const BATCH = 50;

/**
 * Publishes one order.placed event per id at about `ratePerSecond`, in batches of 50, as a shop
 * would; a produce that fails (the broker is being restarted by a test) is retried until it lands.
 */
export async function publishOrders(probe: KafkaProbe, ids: string[], ratePerSecond: number, source: string): Promise<void> {
  const started = Date.now();
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH).map((id, j) => ({
      key: id,
      value: JSON.stringify({ orderId: id, customer: { firstName: 'Amélie', phone: frenchMobile(i + j), locale: 'fr-FR', timezone: 'Europe/Paris' }, total: { amount: '49.90', currency: 'EUR' } }),
      headers: { ce_id: id, ce_type: Topics.OrderPlaced, ce_source: source, ce_time: new Date().toISOString(), ce_specversion: '1.0' },
    }));
    for (;;) {
      try {
        await probe.produceRaw(Topics.OrderPlaced, batch);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    // Open loop: the schedule is fixed from the start, so a slow produce does not lower the rate.
    const due = started + ((i + BATCH) / ratePerSecond) * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
  }
}
