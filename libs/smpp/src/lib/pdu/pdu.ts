import { SmppError } from '../smpp-error';
import { readBind, readBindResp, writeBind, writeBindResp, type BindBody, type BindRespBody } from './bind';
import { CommandId, commandName } from './command-id';
import { readDeliverSm, readDeliverSmResp, writeDeliverSm, writeDeliverSmResp } from './deliver-sm';
import { PduReader, PduWriter } from './pdu-io';
import type { ShortMessageBody } from './short-message';
import { readMessageIdResp, readSubmitSm, writeMessageIdResp, writeSubmitSm, type MessageIdBody } from './submit-sm';

// Every PDU starts with a 16-octet header (SMPP 3.4 section 3.2):
//   command_length   Integer 4  total octets, this header included
//   command_id       Integer 4  see command-id.ts
//   command_status   Integer 4  0 in requests, the outcome in responses
//   sequence_number  Integer 4  1..0x7FFFFFFF, echoed by the matching response
// unbind, unbind_resp, enquire_link, enquire_link_resp and generic_nack are the header alone.
export const HEADER_LENGTH = 16;

export interface PduHeader {
  sequenceNumber: number;
  commandStatus: number;
}

export type BindCommand = 'bind_transceiver' | 'bind_transmitter' | 'bind_receiver';
export type BindPdu = PduHeader & BindBody & { command: BindCommand };
export type BindRespPdu = PduHeader & BindRespBody & { command: `${BindCommand}_resp` };
export type HeaderOnlyPdu = PduHeader & {
  command: 'unbind' | 'unbind_resp' | 'enquire_link' | 'enquire_link_resp' | 'generic_nack';
};
export type SubmitSmPdu = PduHeader & ShortMessageBody & { command: 'submit_sm' };
export type DeliverSmPdu = PduHeader & ShortMessageBody & { command: 'deliver_sm' };
export type MessageIdRespPdu = PduHeader & MessageIdBody & { command: 'submit_sm_resp' | 'deliver_sm_resp' };
/** A command this codec does not model; the session answers it with generic_nack. */
export type UnknownPdu = PduHeader & { command: 'unknown'; commandId: number; body: Buffer };

export type Pdu = BindPdu | BindRespPdu | HeaderOnlyPdu | SubmitSmPdu | DeliverSmPdu | MessageIdRespPdu | UnknownPdu;

export function encodePdu(pdu: Pdu): Buffer {
  const w = new PduWriter(
    pdu.command === 'submit_sm' || pdu.command === 'deliver_sm' ? 96 + pdu.shortMessage.length : 48,
  );
  const id = pdu.command === 'unknown' ? pdu.commandId : CommandId[pdu.command];
  w.u32(0).u32(id).u32(pdu.commandStatus).u32(pdu.sequenceNumber);
  switch (pdu.command) {
    case 'bind_transceiver':
    case 'bind_transmitter':
    case 'bind_receiver':
      writeBind(w, pdu);
      break;
    case 'bind_transceiver_resp':
    case 'bind_transmitter_resp':
    case 'bind_receiver_resp':
      writeBindResp(w, pdu);
      break;
    case 'submit_sm':
      writeSubmitSm(w, pdu);
      break;
    case 'deliver_sm':
      writeDeliverSm(w, pdu);
      break;
    case 'submit_sm_resp':
      writeMessageIdResp(w, pdu);
      break;
    case 'deliver_sm_resp':
      writeDeliverSmResp(w, pdu);
      break;
    case 'unknown':
      w.bytes(pdu.body);
      break;
    default:
      break;
  }
  const out = w.toBuffer();
  out.writeUInt32BE(out.length, 0);
  return out;
}

/** Decodes one complete frame, as cut by FrameDecoder. */
export function decodePdu(frame: Buffer): Pdu {
  if (frame.length < HEADER_LENGTH)
    throw new SmppError('INVALID_PDU', `frame of ${frame.length} octets is shorter than a header`);
  const length = frame.readUInt32BE(0);
  if (length !== frame.length)
    throw new SmppError('INVALID_PDU', `command_length ${length} != frame length ${frame.length}`);
  const commandId = frame.readUInt32BE(4);
  const header: PduHeader = { commandStatus: frame.readUInt32BE(8), sequenceNumber: frame.readUInt32BE(12) };
  const r = new PduReader(frame, HEADER_LENGTH);
  const command = commandName(commandId);
  switch (command) {
    case undefined:
      return { ...header, command: 'unknown', commandId, body: r.bytes(r.remaining, 'body') };
    case 'bind_transceiver':
    case 'bind_transmitter':
    case 'bind_receiver':
      return { ...header, command, ...readBind(r) };
    case 'bind_transceiver_resp':
    case 'bind_transmitter_resp':
    case 'bind_receiver_resp':
      return { ...header, command, ...readBindResp(r) };
    case 'submit_sm':
      return { ...header, command, ...readSubmitSm(r) };
    case 'deliver_sm':
      return { ...header, command, ...readDeliverSm(r) };
    case 'submit_sm_resp':
      return { ...header, command, ...readMessageIdResp(r) };
    case 'deliver_sm_resp':
      return { ...header, command, ...readDeliverSmResp(r) };
    default:
      return { ...header, command };
  }
}
