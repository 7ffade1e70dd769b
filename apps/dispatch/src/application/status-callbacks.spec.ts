import { MetricsRegistry } from '@herald/observability';
import type { CarrierEventSink, ReceiptEvent } from '../carriers/carrier-adapter';
import type { CarrierWebhook, WebhookReading } from '../carriers/carrier-plugin';
import { DispatchMetrics } from '../dispatch.metrics';
import { StatusCallbacks, type ReportClaims } from './status-callbacks';

class MemoryClaims implements ReportClaims {
  readonly seen = new Set<string>();
  failClaims = false;
  async claimReport(carrierId: string, cmid: string, stat: string): Promise<boolean> {
    if (this.failClaims) throw new Error('connection refused');
    const key = `${carrierId}|${cmid}|${stat}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
  async releaseReport(carrierId: string, cmid: string, stat: string): Promise<void> {
    this.seen.delete(`${carrierId}|${cmid}|${stat}`);
  }
}

class Sink implements CarrierEventSink {
  readonly receipts: ReceiptEvent[] = [];
  failing = false;
  async receipt(e: ReceiptEvent): Promise<void> {
    if (this.failing) throw new Error('broker down');
    this.receipts.push(e);
  }
  async inbound(): Promise<void> {}
  unreadable(): void {}
}

const reading = (r: WebhookReading): CarrierWebhook => ({ read: () => r });
const request = { url: 'https://h/v1/carriers/tw/status', headers: {}, rawBody: Buffer.from('x') };
const delivered = { carrierMessageId: 'SM1', state: 'delivered' as const, rawStatus: 'delivered' };

function setup(webhook: CarrierWebhook) {
  const claims = new MemoryClaims();
  const sink = new Sink();
  const metrics = new DispatchMetrics(new MetricsRegistry('dispatch-spec'));
  return { claims, sink, callbacks: new StatusCallbacks(new Map([['tw', webhook]]), sink, claims, metrics) };
}

describe('StatusCallbacks', () => {
  it('publishes each report once: a redelivered status is acknowledged as a duplicate', async () => {
    const { callbacks, sink } = setup(
      reading({ ok: true, reports: [{ ...delivered, rawError: '0', messageId: 'm-1', doneDate: '2025-03-01' }] }),
    );
    expect(await callbacks.receive('tw', request)).toEqual({ kind: 'accepted', published: 1, duplicates: 0 });
    expect(await callbacks.receive('tw', request)).toEqual({ kind: 'accepted', published: 0, duplicates: 1 });
    expect(sink.receipts).toEqual([
      {
        carrierId: 'tw',
        carrierMessageId: 'SM1',
        state: 'delivered',
        rawStat: 'delivered',
        rawErr: '0',
        doneDate: '2025-03-01',
        messageId: 'm-1',
      },
    ]);
  });

  it('answers an unknown carrier exactly like a bad signature', async () => {
    const { callbacks } = setup(reading({ ok: false, reason: 'unauthenticated', detail: 'bad_signature' }));
    const unknown = await callbacks.receive('nope', request);
    expect(unknown).toMatchObject({ kind: 'rejected', reason: 'unauthenticated' });
    expect(await callbacks.receive('tw', request)).toMatchObject({ kind: 'rejected', reason: 'unauthenticated' });
  });

  it('releases the claim when the report could not be published, so the carrier retry is taken', async () => {
    const { callbacks, sink, claims } = setup(reading({ ok: true, reports: [delivered] }));
    sink.failing = true;
    await expect(callbacks.receive('tw', request)).rejects.toMatchObject({ code: 'BROKER_UNAVAILABLE' });
    expect(claims.seen.size).toBe(0);
    sink.failing = false;
    expect(await callbacks.receive('tw', request)).toMatchObject({ published: 1 });
  });

  it('reports an unavailable ledger as DB_UNAVAILABLE (the carrier retries), publishing nothing', async () => {
    const { callbacks, sink, claims } = setup(reading({ ok: true, reports: [delivered] }));
    claims.failClaims = true;
    await expect(callbacks.receive('tw', request)).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
    expect(sink.receipts).toEqual([]);
  });

  it('acknowledges an authentic callback with nothing to publish', async () => {
    const { callbacks } = setup(reading({ ok: true, reports: [] }));
    expect(await callbacks.receive('tw', request)).toEqual({ kind: 'accepted', published: 0, duplicates: 0 });
  });
});
