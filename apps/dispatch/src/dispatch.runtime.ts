import { randomUUID } from 'node:crypto';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { Publisher } from '@herald/kafka';
import { HealthRegistry, HERALD_LOGGER, MetricsRegistry, type HeraldLogger } from '@herald/observability';
import { PiiCipher } from '@herald/pii';
import { SERVICE_CONFIG } from '@herald/service-kit';
import { CarrierEventsPublisher } from './adapters/carrier-events.publisher';
import { buildCarriers, loadCarriers, type BuiltCarrier } from './carriers/carrier-registry';
import { SendLedgerRepository } from './adapters/send-ledger.repository';
import type { DispatchConfig } from './dispatch.config';
import { DispatchMetrics } from './dispatch.metrics';
import { BatchDispatcher } from './application/batch-dispatcher';
import { CarrierFleet } from './application/carrier-fleet';
import { CLOCK, type Clock } from '@herald/service-kit';
import { CorrelationCache } from './application/correlation-cache';
import { LedgerWriter } from './application/ledger-writer';
import { MessageSender } from './application/message-sender';
import { ParkedGauge } from './application/parked-gauge';
import { ParkedReleaser } from './application/parked-releaser';
import { StatusOutbox } from './application/status-outbox';
import { StatusCallbacks } from './application/status-callbacks';
import { Rerouter } from './application/rerouter';
import { OrphanReconciler } from './application/orphan-reconciler';
import { ProcessLiveness } from './application/process-liveness';
import { ProcessRegistry } from './adapters/process-registry.repository';

/** How often the releaser's loop sweeps the status outbox, reconciles orphans and reads the parked gauge. */
const UPKEEP_EVERY_MS = 5000;
/** How often this process announces itself in the `processes` table. */
const HEARTBEAT_EVERY_MS = 5000;
/** A pending status untouched this long was not produced by the live writer (it produces within moments). */
const STATUS_RESEND_AFTER_MS = 5000;

/**
 * Builds dispatch's moving parts from the config and carriers file and runs their lifecycle:
 * binds on init, announces itself and releases parked messages once started (the same loop
 * reconciles what stopped processes left), stops new attempts while the consumer drains, then
 * writes the last ledger results, leaves and unbinds.
 */
@Injectable()
export class DispatchRuntime
  implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown
{
  readonly fleet: CarrierFleet;
  readonly dispatcher: BatchDispatcher;
  readonly events: CarrierEventsPublisher;
  readonly reconciler: OrphanReconciler;
  readonly liveness: ProcessLiveness;
  readonly writer: LedgerWriter;
  readonly releaser: ParkedReleaser;
  readonly statusOutbox: StatusOutbox;
  /** Status callbacks of the carriers that report over HTTP. */
  readonly callbacks: StatusCallbacks;

  constructor(
    @Inject(SERVICE_CONFIG) config: DispatchConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    @Inject(CLOCK) clock: Clock,
    private readonly health: HealthRegistry,
    registry: MetricsRegistry,
    publisher: Publisher,
    ledger: SendLedgerRepository,
    processes: ProcessRegistry,
    metrics: DispatchMetrics,
  ) {
    const service = registry.service;
    const cipher = PiiCipher.fromSpec(config.PII_ENCRYPTION_KEYS);
    const carriers = buildCarriers(loadCarriers(config), config, logger);
    this.fleet = new CarrierFleet(
      carriers,
      { failureThreshold: config.DISPATCH_CIRCUIT_FAILURES, openMs: config.DISPATCH_CIRCUIT_OPEN_MS },
      clock,
      metrics,
    );
    const correlation = new CorrelationCache();
    const backoff = {
      throttleInitialMs: config.DISPATCH_THROTTLE_BACKOFF_MS,
      transientInitialMs: config.DISPATCH_TRANSIENT_BACKOFF_MS,
      maxMs: config.DISPATCH_MAX_BACKOFF_MS,
    };
    const sender = new MessageSender(this.fleet, correlation, clock, backoff);
    const reroutable = new Set(carriers.filter((c) => c.config.rerouteOnUndelivered === true).map((c) => c.config.id));
    this.writer = new LedgerWriter(ledger, logger, config.DISPATCH_LEDGER_FLUSH_MS, publisher, (id) =>
      reroutable.has(id),
    );
    const owner = randomUUID();
    this.dispatcher = new BatchDispatcher({
      service,
      cipher,
      fleet: this.fleet,
      sender,
      ledger,
      writer: this.writer,
      publisher,
      metrics,
      clock,
      logger,
      owner,
      claimLeaseMs: config.DISPATCH_CLAIM_LEASE_MS,
      maxBatchMs: config.DISPATCH_MAX_BATCH_MS,
    });
    this.events = new CarrierEventsPublisher({
      publisher,
      correlation,
      ledger,
      cipher,
      tokenKey: config.RECIPIENT_TOKEN_KEY,
      metrics,
      logger,
      clock,
      flushMs: config.DISPATCH_EVENT_FLUSH_MS,
      statuses: this.writer,
      ...(reroutable.size === 0
        ? {}
        : {
            rerouter: new Rerouter(reroutable, {
              ledger,
              usableRoutes: (to) => this.fleet.routesFor(to).filter((r) => this.fleet.isAvailable(r.id)),
              decrypt: (c) => cipher.decrypt(c),
              metrics,
              logger,
              now: () => clock.now().getTime(),
            }),
          }),
    });
    this.callbacks = new StatusCallbacks(webhooksOf(carriers), this.events, ledger, metrics);
    this.statusOutbox = new StatusOutbox({
      ledger,
      publisher,
      metrics,
      logger,
      service,
      olderThanMs: STATUS_RESEND_AFTER_MS,
      batchSize: config.DISPATCH_PARK_BATCH,
    });
    this.liveness = new ProcessLiveness({ registry: processes, owner, logger, everyMs: HEARTBEAT_EVERY_MS });
    this.reconciler = new OrphanReconciler({
      ledger,
      publisher,
      metrics,
      logger,
      clock,
      service,
      owner,
      afterMs: config.DISPATCH_RECONCILE_AFTER_MS,
      healthyForMs: () => this.liveness.healthyForMs(),
    });
    const parked = new ParkedGauge(ledger, metrics);
    this.releaser = new ParkedReleaser({
      claimDue: (limit) => ledger.claimDue(owner, config.DISPATCH_CLAIM_LEASE_MS, limit),
      dispatchDue: (rows) => this.dispatcher.dispatchDue(rows),
      logger,
      pollMs: config.DISPATCH_PARK_POLL_MS,
      batchSize: config.DISPATCH_PARK_BATCH,
      upkeep: {
        everyMs: UPKEEP_EVERY_MS,
        run: async () => void (await Promise.all([this.statusOutbox.sweep(), this.reconciler.run(), parked.refresh()])),
      },
    });
  }

  onModuleInit(): void {
    this.fleet.start(this.events);
    this.health.register({ name: 'carriers', check: async () => this.fleet.anyBound() });
  }

  onApplicationBootstrap(): void {
    this.liveness.start();
    this.releaser.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.dispatcher.stop();
    await this.releaser.stop();
  }

  /** After every module's destroy hook (the consumer has drained), before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.writer
      .flush()
      .catch((e: unknown) => this.logger.warn({ err: (e as Error).message }, 'last ledger write failed'));
    // Anything still open after the last write is a stopped process's, reconciled elsewhere.
    await this.liveness.stop();
    await this.fleet.stop();
  }
}

function webhooksOf(carriers: readonly BuiltCarrier[]): Map<string, NonNullable<BuiltCarrier['webhook']>> {
  return new Map(carriers.flatMap((c) => (c.webhook ? [[c.config.id, c.webhook] as const] : [])));
}
