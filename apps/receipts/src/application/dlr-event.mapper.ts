import type { CarrierReceiptV1 } from '@herald/contracts';
import type { DlrEvent } from '../domain/message-record';
import { utc } from './status-event.mapper';

/** A carrier receipt as the state machine reads it: dispatch's carrier plugin already decided its state. */
export function toDlrEvent(p: CarrierReceiptV1): DlrEvent {
  const e: DlrEvent = {
    kind: 'dlr',
    carrierId: p.carrierId,
    carrierMessageId: p.carrierMessageId,
    rawStat: p.rawStat,
    state: p.state,
    at: utc(p.receivedAt),
  };
  if (p.rawErr !== undefined && p.rawErr !== '') e.rawErr = p.rawErr;
  return e;
}
