import type { CarrierReceiptV1 } from '@herald/contracts';
import type { DlrEvent } from '../domain/message-record';
import type { DlrState } from '../domain/smpp-stat.mapper';
import { utc } from './status-event.mapper';

export function toDlrEvent(p: CarrierReceiptV1, state: DlrState): DlrEvent {
  const e: DlrEvent = {
    kind: 'dlr',
    carrierId: p.carrierId,
    carrierMessageId: p.carrierMessageId,
    rawStat: p.rawStat,
    state,
    at: utc(p.receivedAt),
  };
  if (p.rawErr !== undefined && p.rawErr !== '') e.rawErr = p.rawErr;
  return e;
}
