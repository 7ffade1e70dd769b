import { readShortMessage, writeShortMessage, type ShortMessageBody } from './short-message';
import { readMessageIdResp, writeMessageIdResp } from './submit-sm';

// deliver_sm (SMPP 3.4 section 4.6.1): SMSC -> ESME, the same body as submit_sm. It carries a
// mobile-originated message (esm_class 0x00) or a delivery receipt (esm_class 0x04, text in
// short_message or message_payload, TLVs receipted_message_id and message_state).
export type DeliverSmBody = ShortMessageBody;

export const writeDeliverSm = writeShortMessage;
export const readDeliverSm = readShortMessage;

// deliver_sm_resp (section 4.6.2):
//   message_id  C-Octet String  unused, always a single NUL
export const writeDeliverSmResp = writeMessageIdResp;
export const readDeliverSmResp = readMessageIdResp;
