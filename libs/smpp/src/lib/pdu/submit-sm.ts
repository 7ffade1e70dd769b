import { PduReader, PduWriter } from './pdu-io';
import { readShortMessage, writeShortMessage, type ShortMessageBody } from './short-message';

// submit_sm (SMPP 3.4 section 4.4.1): ESME -> SMSC, body in short-message.ts.
export type SubmitSmBody = ShortMessageBody;

export const writeSubmitSm = writeShortMessage;
export const readSubmitSm = readShortMessage;

// submit_sm_resp (section 4.4.2):
//   message_id  C-Octet String  max 65, the SMSC's id, echoed in the delivery receipt
// An error resp (command_status != 0) usually has no body at all.
export interface MessageIdBody {
  messageId: string;
}

export function writeMessageIdResp(w: PduWriter, b: MessageIdBody): void {
  w.cstring(b.messageId, 65, 'message_id');
}

export function readMessageIdResp(r: PduReader): MessageIdBody {
  return { messageId: r.remaining === 0 ? '' : r.cstring('message_id') };
}

// ESM class bits used by Herald (section 5.2.12).
export const EsmClass = {
  DEFAULT: 0x00,
  DELIVERY_RECEIPT: 0x04,
  UDHI: 0x40,
} as const;

export const DataCoding = {
  GSM7: 0x00,
  UCS2: 0x08,
} as const;
