import { normalizePhone } from '@herald/phone';
import { benchOrderRecord } from './bench-records';

describe('bench order records', () => {
  it('carry a valid mobile number for every index a run can use', () => {
    // Runs start at a random base below 9,900,000 and send up to 100,000 events.
    const invalid: string[] = [];
    for (let i = 0; i < 10_000_000; i += 9_973) {
      const { phone } = JSON.parse(benchOrderRecord(i, 'r').value).customer as { phone: string };
      const n = normalizePhone(phone, 'FR');
      if (!n.ok || n.type !== 'MOBILE') invalid.push(phone);
    }
    expect(invalid).toEqual([]);
  });
});
