import { randomUUID } from 'node:crypto';
import { KafkaProbe, waitFor } from '@herald/testing';
import { Pipeline, carriersFile, portOffset, type ServiceName } from './support/pipeline';
import { ReceiptWatcher } from './support/receipt-watcher';
import { SimulatorClient } from './support/simulator-client';
import { e2eEnv } from './support/e2e-env';
import { publishOrders } from './support/order-load';
import { describeGroup, type GroupDescription } from './support/consumer-groups';
import { LagTimeline, lagMismatches } from './support/lag-timeline';
import { scrape } from './support/metrics-scrape';
import { PrometheusServer, scaledRule } from './support/prometheus-server';

const LAG_INTERVAL_MS = 1000;
// 200 events/s is well within what event-ingest, templating and compliance sustain; dispatch, held
// to 1 segment/s by its carrier's MPS limit, is the stalled consumer.
const RATE = 200;
const SECONDS = 25;
const ALERT_THRESHOLD = 1500;
const STALLED: ServiceName = 'dispatch';
const SERVICES: ServiceName[] = ['event-ingest', 'templating', 'compliance', 'dispatch', 'receipts'];
const UPSTREAM: ServiceName[] = ['event-ingest', 'templating', 'compliance'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('consumer lag of a stalled consumer under load', () => {
  const offset = portOffset();
  const probe = new KafkaProbe();
  const watcher = new ReceiptWatcher(probe);
  const simulator = new SimulatorClient();
  let pipeline: Pipeline;
  let prometheus: PrometheusServer;
  let timeline: LagTimeline;

  const metricsOf = (s: ServiceName) => pipeline.managementUrl(s, '/metrics');
  const totalLag = async (s: ServiceName) =>
    (await scrape(metricsOf(s), `herald_${s.replace(/-/g, '_')}_kafka_consumer_lag_records`))
      .filter((x) => x.labels.group === s)
      .reduce((n, x) => n + x.value, 0);
  const lagAlerts = async (state: 'pending' | 'firing') =>
    (await prometheus.alerts()).filter(
      (a) => a.labels.alertname === 'HeraldConsumerLagHigh' && a.labels.group === STALLED && a.state === state,
    );

  beforeAll(async () => {
    // A 1 MPS carrier stalls dispatch only while it waits for tokens instead of parking: by default a
    // message that cannot go within DISPATCH_MAX_BATCH_MS is parked and the partition moves on, so
    // the backlog would sit in the ledger, not in the consumer group this test watches.
    pipeline = await Pipeline.start(
      e2eEnv({
        KAFKA_LAG_INTERVAL_MS: String(LAG_INTERVAL_MS),
        DISPATCH_CARRIERS_FILE: carriersFile(offset, { mpsSegments: 1 }),
        DISPATCH_MAX_BATCH_MS: '600000',
      }),
    );
    // The shipped alert, its threshold and `for` scaled from 10000 records / 5 minutes to seconds.
    prometheus = await PrometheusServer.start(
      SERVICES.map((service) => ({ service, port: pipeline.managementPort(service) })),
      [scaledRule('HeraldConsumerLagHigh', { from: 10000, to: ALERT_THRESHOLD }, '5s')],
    );
    await watcher.start();
    timeline = new LagTimeline(metricsOf(STALLED), 'herald_dispatch', STALLED);
    timeline.start();
  }, 180000);

  afterAll(async () => {
    timeline?.stop();
    await prometheus?.stop();
    await watcher.stop();
    await pipeline?.stop();
    await probe.close();
  });

  it('rises, matches ConsumerGroupCommand within one poll interval, fires the alert in Prometheus, and drains with nothing lost', async () => {
    const run = randomUUID().slice(0, 8);
    const ids = Array.from({ length: RATE * SECONDS }, (_, i) => `lag-${run}-${i}`);
    const loadStarted = Date.now();
    let loading = true;
    const publishing = publishOrders(probe, ids, RATE, 'e2e/lag').finally(() => (loading = false));
    const rising: GroupDescription[] = [];
    await sleep(5000);
    while (loading) rising.push(await describeGroup(STALLED));
    await publishing;
    const loadEnded = Date.now();

    // Once the upstream stages have caught up, nothing more reaches dispatch and its lag is flat.
    await waitFor(
      'event-ingest, templating and compliance to catch up',
      async () => (await Promise.all(UPSTREAM.map(totalLag))).every((n) => n === 0),
      120000,
      500,
    );
    await waitFor(
      "the stalled group's lag to be flat for 3 polls",
      () => {
        const recent = timeline.between(Date.now() - 3 * LAG_INTERVAL_MS, Date.now());
        return recent.length >= 6 && recent.every((p) => p.total === recent[0].total);
      },
      60000,
      250,
    );
    const flat = await describeGroup(STALLED);
    await sleep(LAG_INTERVAL_MS + 1500);

    const duringLoad = timeline.between(loadStarted, loadEnded).map((p) => p.total);
    const plateau = timeline.latest()!;
    console.log(
      `lag of ${STALLED}: ${duringLoad[0]} -> ${plateau.total} records over ${Math.round((loadEnded - loadStarted) / 1000)} s of load, ` +
        `age ${plateau.ageSeconds} s; ConsumerGroupCommand ran ${rising.length + 1} times (${rising.map((d) => d.endedAt - d.startedAt).join(', ')} ms while rising)`,
    );
    expect(plateau.total).toBeGreaterThan(ALERT_THRESHOLD);
    expect(duringLoad.filter((v, i) => i > 0 && v > duringLoad[i - 1]).length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...duringLoad.slice(0, 8))).toBeLessThan(plateau.total / 2);
    // The oldest waiting record has been waiting since early in the load.
    expect(plateau.ageSeconds).toBeGreaterThanOrEqual(10);
    expect(plateau.ageSeconds).toBeLessThanOrEqual((Date.now() - loadStarted) / 1000 + LAG_INTERVAL_MS / 1000);

    expect(rising.length).toBeGreaterThan(0);
    expect(flat.lag.size).toBeGreaterThan(0);
    expect(rising.flatMap((d) => lagMismatches(d, timeline, LAG_INTERVAL_MS))).toEqual([]);
    expect(lagMismatches(flat, timeline, LAG_INTERVAL_MS, true)).toEqual([]);
    // Dispatch still sends 1 message/s, so a batch may commit after the tool ran: the tool's own
    // total, not the gauge's latest, is what must be above the alert threshold.
    expect([...flat.lag.values()].reduce((n, v) => n + v, 0)).toBeGreaterThan(ALERT_THRESHOLD);

    expect((await prometheus.query('up{job="herald"} == 1')).map((r) => r.metric.service).sort()).toEqual(
      [...SERVICES].sort(),
    );
    const [firing] = await waitFor(
      'HeraldConsumerLagHigh to fire for dispatch',
      async () => {
        const a = await lagAlerts('firing');
        return a.length > 0 && a;
      },
      60000,
      500,
    );
    expect(firing.labels).toMatchObject({ service: STALLED, group: STALLED, severity: 'warning' });
    expect(Number(firing.value)).toBeGreaterThan(ALERT_THRESHOLD);

    // The carrier limit lifted: dispatch drains, every event gets its one final receipt, the alert resolves.
    await pipeline.restart(STALLED, { DISPATCH_CARRIERS_FILE: carriersFile(offset) });
    await waitFor(
      'a final receipt for every event',
      () => watcher.finalizedEvents(ids).size === ids.length,
      300000,
      1000,
    );
    await waitFor('the lag gauge back at 0', async () => (await totalLag(STALLED)) === 0, 60000, 500);
    await waitFor(
      'the alert to resolve',
      async () => (await lagAlerts('firing')).length === 0 && (await lagAlerts('pending')).length === 0,
      60000,
      500,
    );
    expect((await simulator.stats()).duplicates.total).toBe(0);
    const ambiguous = await scrape(metricsOf(STALLED), 'herald_dispatch_ambiguous_sends_total');
    expect(ambiguous.reduce((n, s) => n + s.value, 0)).toBe(0);
    expect(ids.filter((id) => watcher.messagesOf(id).some((m) => watcher.finals(m).length > 1))).toEqual([]);
  }, 900000);
});
