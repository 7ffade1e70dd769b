import type { SendLedgerRepository } from '../adapters/send-ledger.repository';
import type { DispatchMetrics } from '../dispatch.metrics';

/**
 * herald_dispatch_parked_messages and _parked_oldest_seconds from the ledger, one query per
 * refresh. A country with nothing parked any more loses its series (the alert resolves).
 */
export class ParkedGauge {
  constructor(
    private readonly ledger: Pick<SendLedgerRepository, 'parkedByCountry'>,
    private readonly metrics: Pick<DispatchMetrics, 'parkedMessages' | 'parkedOldestSeconds'>,
  ) {}

  async refresh(): Promise<void> {
    const counts = await this.ledger.parkedByCountry();
    this.metrics.parkedMessages.reset();
    this.metrics.parkedOldestSeconds.reset();
    for (const c of counts) {
      this.metrics.parkedMessages.set({ country: c.country }, c.count);
      this.metrics.parkedOldestSeconds.set({ country: c.country }, Math.round(c.oldestSeconds));
    }
  }
}
