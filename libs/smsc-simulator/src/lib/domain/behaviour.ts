/** How the simulated carrier behaves; changed at run time through POST /config. */
export interface SimBehaviour {
  /** Weights of the final receipt states for accepted submits (normalized, need not sum to 1). */
  outcomeMix: Record<string, number>;
  dlrDelayMs: number;
  /** Share of submits answered ESME_RTHROTTLED / ESME_RMSGQFUL, 0..1. */
  throttleRate: number;
  queueFullRate: number;
  /**
   * Destination suffix -> outcome: a receipt state (`UNDELIV`), a submit_sm_resp error name
   * (`ESME_RINVDSTADR`), or `NO_DLR` (accepted, never receipted). The longest suffix wins.
   */
  forcedOutcomes: Record<string, string>;
  /** Delay before each submit_sm_resp: keeps a window in flight, models RTT. */
  submitLatencyMs: number;
  /** Carrier MPS; submits above it are answered ESME_RTHROTTLED. 0 = unlimited. */
  maxSubmitsPerSecond: number;
  /** Receipts echo the first 20 characters of the message; off by default (OTPs). */
  dlrEchoText: boolean;
  sendDlrs: boolean;
  /**
   * System ids whose binds are answered ESME_RBINDFAIL, as a carrier that is down would: setting it
   * also unbinds that system id's open sessions (see SmscSimulator.configure). [] = none refused.
   */
  refuseBinds: string[];
}

export const DLR_STATS = [
  'DELIVRD',
  'UNDELIV',
  'EXPIRED',
  'REJECTD',
  'DELETED',
  'UNKNOWN',
  'ACCEPTD',
  'ENROUTE',
] as const;
export const NO_DLR = 'NO_DLR';

export function defaultBehaviour(): SimBehaviour {
  return {
    outcomeMix: { DELIVRD: 0.95, UNDELIV: 0.03, EXPIRED: 0.01, REJECTD: 0.01 },
    dlrDelayMs: 200,
    throttleRate: 0,
    queueFullRate: 0,
    forcedOutcomes: {},
    submitLatencyMs: 0,
    maxSubmitsPerSecond: 0,
    dlrEchoText: false,
    sendDlrs: true,
    refuseBinds: [],
  };
}

type Result = { ok: true; behaviour: SimBehaviour } | { ok: false; error: string };

const isRate = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;
const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 3_600_000;

/** Merges a JSON patch into the current behaviour, or says which key is wrong. */
export function applyBehaviourPatch(
  current: SimBehaviour,
  patch: unknown,
  isStatusName: (name: string) => boolean,
): Result {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    return { ok: false, error: 'body must be a JSON object' };
  const next: SimBehaviour = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const error = applyKey(next, key, value, isStatusName);
    if (error !== undefined) return { ok: false, error: `${key}: ${error}` };
  }
  return { ok: true, behaviour: next };
}

function applyKey(
  next: SimBehaviour,
  key: string,
  value: unknown,
  isStatusName: (name: string) => boolean,
): string | undefined {
  switch (key) {
    case 'throttleRate':
    case 'queueFullRate':
      if (!isRate(value)) return 'must be a number in [0, 1]';
      next[key] = value;
      return undefined;
    case 'dlrDelayMs':
    case 'submitLatencyMs':
    case 'maxSubmitsPerSecond':
      if (!isMs(value)) return 'must be a non-negative number';
      next[key] = value;
      return undefined;
    case 'dlrEchoText':
    case 'sendDlrs':
      if (typeof value !== 'boolean') return 'must be a boolean';
      next[key] = value;
      return undefined;
    case 'outcomeMix':
      return setOutcomeMix(next, value);
    case 'forcedOutcomes':
      return setForced(next, value, isStatusName);
    case 'refuseBinds':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length > 0))
        return 'must be a list of system ids';
      next.refuseBinds = [...new Set(value as string[])];
      return undefined;
    default:
      return 'unknown key';
  }
}

function setOutcomeMix(next: SimBehaviour, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'must be an object of state -> weight';
  const entries = Object.entries(value);
  if (entries.length === 0) return 'needs at least one state';
  for (const [stat, w] of entries) {
    if (!(DLR_STATS as readonly string[]).includes(stat)) return `unknown state ${stat}`;
    if (typeof w !== 'number' || w < 0) return `weight of ${stat} must be >= 0`;
  }
  if (entries.every(([, w]) => w === 0)) return 'weights cannot all be 0';
  next.outcomeMix = Object.fromEntries(entries) as Record<string, number>;
  return undefined;
}

function setForced(next: SimBehaviour, value: unknown, isStatusName: (name: string) => boolean): string | undefined {
  if (typeof value !== 'object' || value === null) return 'must be an object of destination suffix -> outcome';
  for (const [suffix, outcome] of Object.entries(value)) {
    if (!/^\d+$/.test(suffix)) return `suffix ${suffix} must be digits`;
    const ok =
      typeof outcome === 'string' &&
      (outcome === NO_DLR || (DLR_STATS as readonly string[]).includes(outcome) || isStatusName(outcome));
    if (!ok) return `outcome for ${suffix} must be a receipt state, an ESME_* name or ${NO_DLR}`;
  }
  next.forcedOutcomes = { ...(value as Record<string, string>) };
  return undefined;
}
