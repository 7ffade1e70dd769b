import type { SmsRenderedV1 } from '@herald/contracts';
import type { Decision, Expiry } from './decision';
import type { ExpireReason } from './reason-codes';
import type { ComplianceRules } from './rules/compliance-rules';
import { checkConsent, type ActiveConsent } from './policies/consent.policy';
import { checkCountry } from './policies/country.policy';
import { CapLedger, type CapCounter, type CapWrite } from './policies/frequency-cap.policy';
import { checkNumber } from './policies/number.policy';
import { checkOptOut, type OptOutState } from './policies/opt-out.policy';
import { quietUntil, quietWindowFor, recipientTimezone } from './policies/quiet-hours.policy';
import { chooseSender } from './policies/sender.policy';
import {
  VelocityLedger,
  velocityIncrements,
  type VelocityCount,
  type VelocityFlag,
  type VelocityIncrement,
  type VelocityTarget,
} from './policies/pumping.policy';

export interface Candidate {
  message: SmsRenderedV1;
  /** The decrypted E.164 number; undefined when `recipient.phoneEnc` could not be opened. */
  phone: string | undefined;
}

/** What the handler loaded for the batch's recipients: all three kinds in one statement. */
export interface ComplianceState {
  optOuts: readonly OptOutState[];
  consents: readonly ActiveConsent[];
  caps: readonly CapCounter[];
  /** The batch's pumping counters after its own increments (none at release: counted at intake). */
  velocity?: { counts: readonly VelocityCount[]; increments: readonly VelocityIncrement[] };
}

export interface ChainOptions {
  now: Date;
  /** 'intake' for a freshly rendered message; 'release' for a deferred one, which skips quiet hours. */
  stage: 'intake' | 'release';
}

export interface BatchDecisions {
  decisions: Decision[];
  capWrites: CapWrite[];
  /** Velocity rules a message went over (monitor included), for the metric. */
  velocityFlags: VelocityFlag[];
}

/**
 * What the batch adds to the pumping counters: every message with a valid number to an allowed
 * country counts as an attempt, whatever later checks decide (a pump is an attempt pattern).
 */
export function velocityIncrementsOf(
  candidates: readonly Candidate[],
  rules: ComplianceRules,
  now: Date,
): VelocityIncrement[] {
  const targets: VelocityTarget[] = [];
  for (const c of candidates) {
    const number = checkNumber(c.phone, c.message.recipient.country);
    if ('outcome' in number || checkCountry(number.country, rules.countries)) continue;
    targets.push({ e164: number.e164, country: number.country, category: c.message.category });
  }
  return velocityIncrements(targets, rules.pumping, now.getTime());
}

/**
 * The policy chain, in this order (the first failing check decides):
 * expired TTL -> number validity -> country -> opt-out -> consent -> sender/registration ->
 * pumping velocity -> frequency cap -> quiet hours (defer). Messages are decided in batch order so two messages to the
 * same recipient in one batch see each other's cap usage.
 */
export function decideBatch(
  candidates: readonly Candidate[],
  state: ComplianceState,
  rules: ComplianceRules,
  opts: ChainOptions,
): BatchDecisions {
  const ledger = new CapLedger(state.caps, rules.frequencyCaps);
  const velocity = new VelocityLedger(rules.pumping, state.velocity?.counts ?? [], state.velocity?.increments ?? []);
  const decisions = candidates.map((c) => decide(c, state, rules, ledger, velocity, opts));
  return { decisions, capWrites: ledger.writes(), velocityFlags: velocity.flags };
}

function decide(
  c: Candidate,
  state: ComplianceState,
  rules: ComplianceRules,
  ledger: CapLedger,
  velocity: VelocityLedger,
  opts: ChainOptions,
): Decision {
  const m = c.message;
  const nowMs = opts.now.getTime();
  const expiresMs = Date.parse(m.expiresAt);
  if (expiresMs <= nowMs) {
    return opts.stage === 'intake'
      ? expire('TTL_EXPIRED', `expired at ${m.expiresAt}, before compliance saw it`)
      : expire('QUIET_HOURS_EXPIRED', `expired at ${m.expiresAt} while deferred for quiet hours`);
  }
  const number = checkNumber(c.phone, m.recipient.country);
  if ('outcome' in number) return number;
  const facts = {
    messageId: m.messageId,
    recipientToken: m.recipient.token,
    brand: m.brand,
    templateKey: m.templateKey,
    category: m.category,
  };
  const blocked =
    checkCountry(number.country, rules.countries) ??
    checkOptOut(state.optOuts, { ...facts, sourceEvent: m.sourceEvent }, rules.stopConfirmationTemplate) ??
    checkConsent(state.consents, facts, rules.consentPurposes);
  if (blocked) return blocked;
  const sender = chooseSender(m, number.country, rules);
  if ('outcome' in sender) return sender;
  const pumped = velocity.check({ e164: number.e164, country: number.country, category: m.category });
  if (pumped) return pumped;
  const capped = ledger.check(facts, nowMs);
  if (capped) return capped;
  if (opts.stage === 'intake') {
    const zone = recipientTimezone(m.timezone, number.country, number.e164, rules.defaultTimezone);
    const until = quietUntil(nowMs, zone, quietWindowFor(number.country, m.category, rules.quietHours));
    if (until !== undefined) {
      const releaseAt = new Date(until).toISOString();
      if (until >= expiresMs)
        return expire(
          'QUIET_HOURS_EXPIRED',
          `quiet hours in ${zone} end at ${releaseAt}, after its expiry at ${m.expiresAt}`,
        );
      return { outcome: 'deferred', releaseAt, timezone: zone };
    }
  }
  ledger.record(facts, nowMs);
  return { outcome: 'approved', ...sender };
}

function expire(reasonCode: ExpireReason, reason: string): Expiry {
  return { outcome: 'expired', reasonCode, reason };
}
