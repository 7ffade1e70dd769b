import { CeHeader, type OrderPlacedV1 } from '@herald/contracts';

/** A valid order.placed CloudEvent of about `bytes` bytes (padding in item names), binary mode. */
export function benchOrderRecord(
  i: number,
  runId: string,
  bytes = 1024,
): { key: string; value: string; headers: Record<string, string> } {
  const id = `${runId}-${i}`;
  const data: OrderPlacedV1 = {
    orderId: `o-${i}`,
    customer: {
      id: `c-${i % 5000}`,
      firstName: 'Amélie',
      // +33 61 then 7 digits: every number of that block is a valid French mobile. Numbers in
      // +33 639, +33 690-697 are not, and an earlier formula reached them for some runs' bases.
      phone: `+3361${String(i % 10_000_000).padStart(7, '0')}`,
      locale: 'fr-FR',
      timezone: 'Europe/Paris',
    },
    total: { amount: '49.90', currency: 'EUR' },
    items: [{ name: 'Theière fonte 1L', quantity: 1 }],
    trackingUrl: `https://track.example/${i}`,
  } as OrderPlacedV1;
  // Pad with extra line items (names stay within the contract's 200 characters).
  for (let left = bytes - JSON.stringify(data).length; left > 40; left = bytes - JSON.stringify(data).length) {
    data.items!.push({ name: 'x'.repeat(Math.min(180, left - 30)), quantity: 1 } as never);
  }
  return {
    key: data.customer.id!,
    value: JSON.stringify(data),
    headers: {
      [CeHeader.id]: id,
      [CeHeader.type]: 'order.placed',
      [CeHeader.source]: 'bench/shop',
      [CeHeader.time]: new Date().toISOString(),
      [CeHeader.specversion]: '1.0',
      'content-type': 'application/json',
    },
  };
}
