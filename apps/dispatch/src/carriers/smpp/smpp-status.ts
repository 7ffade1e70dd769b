import type { DeliveryState } from '@herald/contracts';
import { normalizeStat } from '@herald/smpp';

// SMPP 3.4 receipt `stat:` words. SCHEDLD and SKIPPED are SMPP 5.0 message states some SMSCs send.
const STAT_TO_STATE: Record<string, DeliveryState> = {
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
 * The canonical state of an SMPP receipt's `stat:` word, or undefined when the word is not one we
 * know. ACCEPTD means "read on behalf of the subscriber" in SMPP 3.4 but "accepted by the SMSC" for
 * many carriers, so its meaning is the carrier's `acceptdAs`.
 */
export function smppStatState(rawStat: string, acceptdAs: 'enroute' | 'delivered'): DeliveryState | undefined {
  const stat = normalizeStat(rawStat);
  return stat === 'ACCEPTD' ? acceptdAs : STAT_TO_STATE[stat];
}
