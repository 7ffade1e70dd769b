import type { Priority } from '@herald/contracts';
import type { CarrierAdapter, CarrierEventSink, OutboundSms, SubmitOutcome } from '../carriers/carrier-adapter';
import type { CommonCarrierConfig as CarrierConfig } from '../carriers/common-config';
import { CircuitBreaker, CIRCUIT_STATE_VALUE, type CircuitOptions } from '../domain/circuit-breaker';
import { routesFor, type Destination } from '../domain/route-planner';
import type { DispatchMetrics } from '../dispatch.metrics';
import type { Clock } from '@herald/service-kit';
import { TokenGate } from './token-gate';
import { WindowGate } from './window-gate';

interface Member {
  config: CarrierConfig;
  adapter: CarrierAdapter;
  circuit: CircuitBreaker;
  gate: TokenGate;
  window: WindowGate;
}

/** The configured carriers with their health, circuit and MPS bucket: what routing chooses from. */
export class CarrierFleet {
  private readonly members = new Map<string, Member>();
  private gaugeTimer?: NodeJS.Timeout;

  constructor(
    carriers: ReadonlyArray<{ config: CarrierConfig; adapter: CarrierAdapter }>,
    circuit: CircuitOptions,
    private readonly clock: Clock,
    private readonly metrics: DispatchMetrics,
  ) {
    for (const { config, adapter } of carriers) {
      this.members.set(config.id, {
        config,
        adapter,
        circuit: new CircuitBreaker(circuit),
        gate: new TokenGate(config.mpsSegments, clock),
        window: new WindowGate(config.windowSize),
      });
    }
  }

  get configs(): CarrierConfig[] {
    return [...this.members.values()].map((m) => m.config);
  }

  start(sink: CarrierEventSink): void {
    for (const m of this.members.values()) m.adapter.start(sink);
    this.gaugeTimer = setInterval(() => this.refreshGauges(), 1000);
    this.gaugeTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.gaugeTimer !== undefined) clearInterval(this.gaugeTimer);
    await Promise.all([...this.members.values()].map((m) => m.adapter.stop()));
  }

  routesFor(to: Destination): CarrierConfig[] {
    return routesFor(this.configs, to);
  }

  /** Usable now: bound (SMPP) and its circuit not open. */
  isAvailable(carrierId: string): boolean {
    const m = this.members.get(carrierId);
    return m !== undefined && m.adapter.health().bound && m.circuit.allows(this.clock.now().getTime());
  }

  anyBound(): boolean {
    return [...this.members.values()].some((m) => m.adapter.health().bound);
  }

  /** Waits for `segments` MPS tokens; false when the deadline or the shutdown came first. */
  async acquire(
    carrierId: string,
    segments: number,
    priority: Priority,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const m = this.member(carrierId);
    const started = this.clock.now().getTime();
    const ok = await m.gate.take(segments, priority, deadline, signal);
    this.metrics.bucketWaitSeconds.observe({ carrier: carrierId }, (this.clock.now().getTime() - started) / 1000);
    return ok;
  }

  /**
   * Waits for window slots (one per SMPP part; one per HTTP request); returns the function that
   * gives them back once the carrier answered, or undefined when `waitMs` or the shutdown came first.
   */
  async reserve(
    carrierId: string,
    parts: number,
    waitMs: number,
    signal?: AbortSignal,
  ): Promise<(() => void) | undefined> {
    const m = this.member(carrierId);
    const slots = m.adapter.windowUnit === 'request' ? 1 : parts;
    if (!(await m.window.take(slots, waitMs, signal))) return undefined;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      m.window.give(slots);
    };
  }

  async submit(carrierId: string, sms: OutboundSms): Promise<SubmitOutcome> {
    const m = this.member(carrierId);
    const timer = this.metrics.submitSeconds.startTimer({ carrier: carrierId });
    this.metrics.inFlight.set({ carrier: carrierId }, m.adapter.health().inFlight + 1);
    const outcome = await m.adapter.submit(sms);
    timer();
    this.metrics.inFlight.set({ carrier: carrierId }, m.adapter.health().inFlight);
    this.metrics.submits.inc({ carrier: carrierId, outcome: outcome.kind });
    if (outcome.kind === 'throttled') this.metrics.throttles.inc({ carrier: carrierId });
    // Throttling is the carrier working as designed; only failures of the link count toward the circuit.
    if (outcome.kind === 'transient' || outcome.kind === 'ambiguous')
      m.circuit.recordFailure(this.clock.now().getTime());
    else if (outcome.kind !== 'throttled') m.circuit.recordSuccess();
    this.metrics.circuitState.set(
      { carrier: carrierId },
      CIRCUIT_STATE_VALUE[m.circuit.state(this.clock.now().getTime())],
    );
    return outcome;
  }

  private member(carrierId: string): Member {
    const m = this.members.get(carrierId);
    if (m === undefined) throw new Error(`unknown carrier ${carrierId}`);
    return m;
  }

  private refreshGauges(): void {
    const now = this.clock.now().getTime();
    for (const [id, m] of this.members) {
      const health = m.adapter.health();
      this.metrics.bound.set({ carrier: id }, health.bound ? 1 : 0);
      this.metrics.inFlight.set({ carrier: id }, health.inFlight);
      this.metrics.circuitState.set({ carrier: id }, CIRCUIT_STATE_VALUE[health.bound ? m.circuit.state(now) : 'open']);
    }
  }
}
