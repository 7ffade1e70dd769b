import { createHash } from 'node:crypto';

/** MOs the SMSC redelivers within this window (after a refused deliver_sm_resp) keep their id. */
export const INBOUND_DEDUPE_WINDOW_MS = 10 * 60 * 1000;

/**
 * A stable id for an MO: deliver_sm carries no timestamp or id of its own, so the id is the carrier
 * plus a hash of source, destination, text and the 10-minute window it arrived in. The same STOP
 * redelivered after a failed ack collapses; a STOP sent again later (after a START) does not.
 */
export function inboundIdFor(
  carrierId: string,
  source: string,
  destination: string,
  text: string,
  receivedAt: number,
): string {
  const window = Math.floor(receivedAt / INBOUND_DEDUPE_WINDOW_MS);
  const digest = createHash('sha256')
    .update([source, destination, text, String(window)].join('\u0000'), 'utf8')
    .digest('hex');
  return `${carrierId}-${digest.slice(0, 40)}`;
}
