import type { Priority } from '@herald/contracts';
import type { CommonCarrierConfig as CarrierConfig } from '../carriers/common-config';
import type { MessageResult } from '../domain/message-result';
import { backoffDelay, nextStep, type AttemptResult, type BackoffOptions } from '../domain/retry.policy';
import { chooseRoute, type Destination } from '../domain/route-planner';
import { NO_PARTS, type OutboundSms, type SubmitOutcome } from '../domain/submit-outcome';
import { checkTtl, MIN_REMAINING_MS } from '../domain/ttl.policy';
import type { Clock } from '@herald/service-kit';
import { activeSpanContext, inSpan } from '@herald/observability';
import { sleep } from './sleep';
import type { CorrelationCache } from './correlation-cache';

/** The part of CarrierFleet a send loop uses. */
export interface Fleet {
  routesFor(to: Destination): CarrierConfig[];
  isAvailable(carrierId: string): boolean;
  acquire(
    carrierId: string,
    segments: number,
    priority: Priority,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<boolean>;
  reserve(carrierId: string, parts: number, waitMs: number, signal?: AbortSignal): Promise<(() => void) | undefined>;
  submit(carrierId: string, sms: OutboundSms): Promise<SubmitOutcome>;
}

/**
 * `aborted`: shutdown came before any part could have reached a carrier; the message can be left for redelivery.
 * `lost`: another process holds the message's row (it consumed the same record, or took the claim
 * over) before this one started it; nothing to report here.
 */
export type SendResult = MessageResult | { status: 'aborted' } | { status: 'lost' } | Parked;

/** Not sendable now (no usable route, or tokens/window/backoff past the batch bound): retried later. */
export interface Parked {
  status: 'parked';
  nextAttemptAt: number;
  reason: string;
}

export interface SendHooks {
  /**
   * Records that the message's first submit is about to be written (row `submitting`); false
   * when the message's row is another process's. Called once, after tokens and window slots.
   */
  markStarted(): Promise<boolean>;
  /**
   * Epoch ms after which a message that cannot go now is parked instead of waited for (the batch
   * bound). Undefined: wait in memory until the TTL.
   */
  parkAt?: number;
  /** How often the message was parked before (its backoff). */
  parks?: number;
  /** Carriers not to use: an earlier attempt of this message went there (rerouted after `undelivered`). */
  avoid?: readonly string[];
}

const ALREADY_STARTED: SendHooks = { markStarted: () => Promise.resolve(true) };

/**
 * One message's own retry loop: route, wait for MPS tokens, submit; on throttling or a transient
 * failure back off and try again (failing over when the carrier's circuit opens) until the TTL.
 * Loops of a batch run side by side, so one throttled message never holds up the others.
 */
export class MessageSender {
  constructor(
    private readonly fleet: Fleet,
    private readonly correlation: CorrelationCache,
    private readonly clock: Clock,
    private readonly backoff: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {}

  async send(
    sms: OutboundSms,
    priority: Priority,
    signal: AbortSignal,
    hooks: SendHooks = ALREADY_STARTED,
  ): Promise<SendResult> {
    const avoid = hooks.avoid ?? [];
    const routes = this.fleet
      .routesFor({ country: sms.country, e164: sms.destination })
      .filter((r) => !avoid.includes(r.id));
    let accepted: ReadonlyMap<number, string> = NO_PARTS;
    let pinned: string | undefined;
    let attempts = 0;
    let started = false;
    let last: { carrierId?: string; rawStatus?: string; reason: string } = { reason: 'no carrier was available' };
    for (let round = 1; ; round++) {
      if (checkTtl(sms.expiresAt, this.clock.now().getTime()).expired)
        return this.expired(sms, accepted, attempts, last);
      if (signal.aborted)
        return accepted.size > 0 ? this.partial(accepted, attempts, pinned, 'shutdown') : { status: 'aborted' };
      const choice = chooseRoute(routes, (id) => this.fleet.isAvailable(id), pinned);
      let result: AttemptResult = 'unavailable';
      let retryAfterMs: number | undefined;
      const parkable = hooks.parkAt !== undefined && accepted.size === 0;
      if ('carrierId' in choice) {
        const carrierId = choice.carrierId;
        const remaining = sms.parts.length - accepted.size;
        const waitUntil = Math.min(
          sms.expiresAt - MIN_REMAINING_MS,
          parkable ? (hooks.parkAt as number) : Number.POSITIVE_INFINITY,
        );
        if (!(await this.fleet.acquire(carrierId, remaining, priority, waitUntil, signal))) {
          if (
            parkable &&
            !signal.aborted &&
            this.clock.now().getTime() >= waitUntil &&
            waitUntil < sms.expiresAt - MIN_REMAINING_MS
          )
            return this.park(sms, hooks, `waiting for ${carrierId} MPS tokens`);
          continue;
        }
        const giveBack = await this.fleet.reserve(
          carrierId,
          remaining,
          Math.max(1, waitUntil - this.clock.now().getTime()),
          signal,
        );
        if (giveBack === undefined) {
          if (parkable && !signal.aborted && this.clock.now().getTime() < sms.expiresAt - MIN_REMAINING_MS)
            return this.park(sms, hooks, `waiting for a ${carrierId} window slot`);
          continue;
        }
        let outcome: SubmitOutcome;
        try {
          // Checked again right before the write: the wait for tokens, a window slot or the start
          // mark (held through a database outage) may have outlived the message.
          if (checkTtl(sms.expiresAt, this.clock.now().getTime()).expired)
            return this.expired(sms, accepted, attempts, last);
          if (!started) {
            if (!(await hooks.markStarted())) return { status: 'lost' };
            started = true;
            if (checkTtl(sms.expiresAt, this.clock.now().getTime()).expired)
              return this.expired(sms, accepted, attempts, last);
          }
          attempts++;
          outcome = await this.submit(carrierId, { ...sms, acceptedParts: accepted }, remaining, attempts);
        } finally {
          giveBack();
        }
        if (outcome.kind === 'submitted') {
          this.correlation.remember(carrierId, outcome.carrierMessageIds, sms.messageId);
          return {
            status: 'submitted',
            carrierId,
            carrierMessageIds: outcome.carrierMessageIds,
            attempt: attempts,
            segments: outcome.segments,
          };
        }
        if (outcome.kind === 'permanent') {
          return {
            status: 'failed',
            reasonCode: 'CARRIER_PERMANENT',
            reason: outcome.reason,
            attempt: attempts,
            carrierId,
            rawStatus: outcome.rawStatus,
          };
        }
        accepted = outcome.acceptedParts;
        this.correlation.remember(carrierId, accepted.values(), sms.messageId);
        if (outcome.kind === 'ambiguous')
          return this.partial(accepted, attempts, carrierId, outcome.reason, outcome.rawStatus);
        if (accepted.size > 0) pinned = carrierId;
        last = {
          carrierId,
          rawStatus: outcome.rawStatus,
          reason: outcome.kind === 'transient' ? outcome.reason : `throttled (${outcome.rawStatus})`,
        };
        result = outcome.kind;
        retryAfterMs = outcome.kind === 'throttled' ? outcome.retryAfterMs : undefined;
      } else if (choice.none === 'no_route') {
        return {
          status: 'failed',
          reasonCode: 'CONFIG_INVALID',
          reason: `no carrier serves ${sms.country}`,
          attempt: attempts,
        };
      } else if (parkable) {
        return this.park(sms, hooks, 'no usable route (carriers unbound or circuit open)');
      }
      const step = nextStep(
        result,
        round,
        this.clock.now().getTime(),
        sms.expiresAt,
        this.backoff,
        this.random,
        retryAfterMs,
      );
      if (step.step === 'expire') return this.expired(sms, accepted, attempts, last);
      // Parts accepted meanwhile pin the message to its carrier: it keeps retrying here instead.
      if (
        step.step === 'retry' &&
        hooks.parkAt !== undefined &&
        accepted.size === 0 &&
        this.clock.now().getTime() + step.delayMs > hooks.parkAt
      ) {
        return { status: 'parked', nextAttemptAt: this.clock.now().getTime() + step.delayMs, reason: last.reason };
      }
      if (step.step === 'retry') await sleep(step.delayMs, signal);
    }
  }

  // Parked for a backoff that grows with each parking (about 0.5-1 s, then doubling up to maxMs),
  // never past the TTL: a message due at its TTL is ended `expired` by the releaser.
  private park(sms: OutboundSms, hooks: SendHooks, reason: string): Parked {
    const delay = backoffDelay((hooks.parks ?? 0) + 1, 1000, Math.max(1000, this.backoff.maxMs), this.random);
    return { status: 'parked', nextAttemptAt: Math.min(this.clock.now().getTime() + delay, sms.expiresAt), reason };
  }

  /**
   * The submit, inside a `carrier submit` span when the message's trace is being recorded (its
   * record's span is active); an unsampled message's submit costs no span at all.
   */
  private async submit(
    carrierId: string,
    sms: OutboundSms,
    remaining: number,
    attempt: number,
  ): Promise<SubmitOutcome> {
    if (activeSpanContext() === undefined) return this.fleet.submit(carrierId, sms);
    const attributes = {
      'herald.message_id': sms.messageId,
      'herald.carrier.id': carrierId,
      'herald.sms.segments': sms.parts.length,
      'herald.sms.segments_sent': remaining,
      'herald.dispatch.attempt': attempt,
    };
    return inSpan('carrier submit', attributes, async (span) => {
      const submitted = await this.fleet.submit(carrierId, sms);
      span?.setAttribute('herald.carrier.outcome', submitted.kind);
      return submitted;
    });
  }

  private expired(
    sms: OutboundSms,
    accepted: ReadonlyMap<number, string>,
    attempts: number,
    last: { carrierId?: string; rawStatus?: string; reason: string },
  ): MessageResult {
    if (accepted.size > 0) {
      return {
        status: 'failed',
        reasonCode: 'CARRIER_TRANSIENT',
        reason: `TTL reached with ${accepted.size} of ${sms.parts.length} parts accepted; last: ${last.reason}`,
        attempt: attempts,
        ...(last.carrierId === undefined ? {} : { carrierId: last.carrierId }),
        ...(last.rawStatus === undefined ? {} : { rawStatus: last.rawStatus }),
      };
    }
    return {
      status: 'expired',
      reason: attempts === 0 ? 'TTL passed before the submit' : `TTL passed while retrying; last: ${last.reason}`,
      attempt: attempts,
    };
  }

  private partial(
    accepted: ReadonlyMap<number, string>,
    attempts: number,
    carrierId: string | undefined,
    reason: string,
    rawStatus?: string,
  ): MessageResult {
    return {
      status: 'ambiguous',
      reason,
      attempt: attempts,
      carrierMessageIds: [...accepted.values()],
      ...(carrierId === undefined ? {} : { carrierId }),
      ...(rawStatus === undefined ? {} : { rawStatus }),
    };
  }
}
