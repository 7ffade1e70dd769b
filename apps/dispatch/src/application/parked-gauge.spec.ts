import { Registry, Gauge } from 'prom-client';
import type { ParkedCount } from '../adapters/send-ledger.repository';
import { ParkedGauge } from './parked-gauge';

describe('ParkedGauge', () => {
  it('sets count and oldest age per country, and drops a country with nothing parked any more', async () => {
    const registry = new Registry();
    const parkedMessages = new Gauge({
      name: 'parked_messages',
      help: 'h',
      labelNames: ['country'],
      registers: [registry],
    });
    const parkedOldestSeconds = new Gauge({
      name: 'parked_oldest_seconds',
      help: 'h',
      labelNames: ['country'],
      registers: [registry],
    });
    const reads: ParkedCount[][] = [
      [
        { country: 'ES', count: 4, oldestSeconds: 61.6 },
        { country: 'GB', count: 1, oldestSeconds: 2 },
      ],
      [{ country: 'ES', count: 3, oldestSeconds: 75 }],
    ];
    const gauge = new ParkedGauge(
      { parkedByCountry: async () => reads.shift() ?? [] },
      { parkedMessages, parkedOldestSeconds },
    );
    const values = async (g: Gauge<string>) => (await g.get()).values.map((v) => [v.labels.country, v.value]);

    await gauge.refresh();
    expect([await values(parkedMessages), await values(parkedOldestSeconds)]).toEqual([
      [
        ['ES', 4],
        ['GB', 1],
      ],
      [
        ['ES', 62],
        ['GB', 2],
      ],
    ]);
    await gauge.refresh();
    expect([await values(parkedMessages), await values(parkedOldestSeconds)]).toEqual([[['ES', 3]], [['ES', 75]]]);
    await gauge.refresh();
    expect(await values(parkedMessages)).toEqual([]);
  });
});
