import { HeraldError, type CanonicalState } from '@herald/contracts';
import { normalizeStat } from '@herald/smpp';

export type DlrState = Extract<
  CanonicalState,
  'enroute' | 'delivered' | 'undelivered' | 'expired' | 'rejected' | 'unknown'
>;

const DLR_STATES: readonly DlrState[] = ['enroute', 'delivered', 'undelivered', 'expired', 'rejected', 'unknown'];

// SMPP 3.4 receipt `stat:` words. SCHEDLD and SKIPPED are SMPP 5.0 message states some SMSCs send.
const STAT_TO_STATE: Record<string, DlrState> = {
  DELIVRD: 'delivered',
  UNDELIV: 'undelivered',
  DELETED: 'undelivered',
  SKIPPED: 'undelivered',
  EXPIRED: 'expired',
  REJECTD: 'rejected',
  UNKNOWN: 'unknown',
  ENROUTE: 'enroute',
  SCHEDLD: 'enroute',
};

/**
 * ACCEPTD means "read on behalf of the subscriber" in SMPP 3.4 but "accepted by the SMSC" for many
 * carriers, so its meaning is configured per carrier.
 */
export class AcceptdPolicy {
  private constructor(
    private readonly fallback: DlrState,
    private readonly byCarrier: ReadonlyMap<string, DlrState>,
  ) {}

  /** `<state>[,<carrier>:<state>...]`, e.g. `enroute,smsc-b:delivered`. */
  static parse(spec: string): AcceptdPolicy {
    const [first, ...rest] = spec.split(',').map((p) => p.trim());
    const byCarrier = new Map<string, DlrState>();
    for (const entry of rest) {
      const [carrier, state] = entry.split(':');
      byCarrier.set(carrier, dlrState(state, spec));
    }
    return new AcceptdPolicy(dlrState(first, spec), byCarrier);
  }

  stateFor(carrierId: string): DlrState {
    return this.byCarrier.get(carrierId) ?? this.fallback;
  }
}

/** The canonical state of a carrier status, or undefined when the word is not one we know. */
export function mapCarrierStat(rawStat: string, carrierId: string, acceptd: AcceptdPolicy): DlrState | undefined {
  const stat = normalizeStat(rawStat);
  if (stat === 'ACCEPTD') return acceptd.stateFor(carrierId);
  return STAT_TO_STATE[stat];
}

/** Bounded label for metrics: the normalized word when known, else OTHER. */
export function statLabel(rawStat: string): string {
  const stat = normalizeStat(rawStat);
  return stat === 'ACCEPTD' || stat in STAT_TO_STATE ? stat : 'OTHER';
}

function dlrState(value: string | undefined, spec: string): DlrState {
  if (value !== undefined && (DLR_STATES as readonly string[]).includes(value)) return value as DlrState;
  throw new HeraldError(
    'CONFIG_INVALID',
    `RECEIPTS_ACCEPTD_AS "${spec}": "${value ?? ''}" is not one of ${DLR_STATES.join('|')}`,
  );
}
