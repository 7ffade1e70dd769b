import { EVENT_LOOP_SAMPLE_MS, MetricsRegistry } from './metrics-registry';

describe('MetricsRegistry', () => {
  it("names each service's metrics herald_<service>_ and labels Node's own with the service", async () => {
    const m = new MetricsRegistry('event-ingest');
    m.counter('events_total', 'events').inc();
    const text = await m.registry.metrics();
    expect(text).toContain('herald_event_ingest_events_total{service="event-ingest"} 1');
    // The dashboard's event-loop panel reads this series.
    expect(text).toMatch(/nodejs_eventloop_lag_p99_seconds\{service="event-ingest"\}/);
  });

  it('samples the event loop at most 10 times a second, not prom-client default 100', () => {
    expect(EVENT_LOOP_SAMPLE_MS).toBeGreaterThanOrEqual(100);
  });
});
