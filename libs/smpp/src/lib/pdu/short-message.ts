import { SmppError } from '../smpp-error';
import { PduReader, PduWriter } from './pdu-io';
import { readTlvs, writeTlvs, type Tlv } from './tlv';

// submit_sm and deliver_sm share this body (SMPP 3.4 sections 4.4.1 and 4.6.1):
//   service_type             C-Octet String  max 6
//   source_addr_ton          Integer 1       1 international, 5 alphanumeric
//   source_addr_npi          Integer 1       1 E.164
//   source_addr              C-Octet String  max 21
//   dest_addr_ton            Integer 1
//   dest_addr_npi            Integer 1
//   destination_addr         C-Octet String  max 21
//   esm_class                Integer 1       0x40 = UDH in short_message; deliver_sm 0x04 = receipt
//   protocol_id              Integer 1
//   priority_flag            Integer 1
//   schedule_delivery_time   C-Octet String  empty or 16 chars
//   validity_period          C-Octet String  empty or 16 chars (YYMMDDhhmmss000R relative)
//   registered_delivery      Integer 1       1 = receipt on final outcome
//   replace_if_present_flag  Integer 1
//   data_coding              Integer 1       0 GSM default alphabet, 8 UCS-2
//   sm_default_msg_id        Integer 1
//   sm_length                Integer 1       0-254
//   short_message            sm_length octets
//   TLVs                     optional, to the end of the PDU
export interface ShortMessageBody {
  serviceType: string;
  sourceAddrTon: number;
  sourceAddrNpi: number;
  sourceAddr: string;
  destAddrTon: number;
  destAddrNpi: number;
  destinationAddr: string;
  esmClass: number;
  protocolId: number;
  priorityFlag: number;
  scheduleDeliveryTime: string;
  validityPeriod: string;
  registeredDelivery: number;
  replaceIfPresentFlag: number;
  dataCoding: number;
  smDefaultMsgId: number;
  shortMessage: Buffer;
  tlvs: Tlv[];
}

export const MAX_SHORT_MESSAGE = 254;

export function writeShortMessage(w: PduWriter, m: ShortMessageBody): void {
  w.cstring(m.serviceType, 6, 'service_type');
  w.u8(m.sourceAddrTon).u8(m.sourceAddrNpi).cstring(m.sourceAddr, 21, 'source_addr');
  w.u8(m.destAddrTon).u8(m.destAddrNpi).cstring(m.destinationAddr, 21, 'destination_addr');
  w.u8(m.esmClass).u8(m.protocolId).u8(m.priorityFlag);
  w.cstring(m.scheduleDeliveryTime, 17, 'schedule_delivery_time').cstring(m.validityPeriod, 17, 'validity_period');
  w.u8(m.registeredDelivery).u8(m.replaceIfPresentFlag).u8(m.dataCoding).u8(m.smDefaultMsgId);
  if (m.shortMessage.length > MAX_SHORT_MESSAGE) {
    throw new SmppError('INVALID_PDU', 'short_message over 254 octets: split it or send it in message_payload');
  }
  w.u8(m.shortMessage.length).bytes(m.shortMessage);
  writeTlvs(w, m.tlvs);
}

export function readShortMessage(r: PduReader): ShortMessageBody {
  const serviceType = r.cstring('service_type');
  const sourceAddrTon = r.u8('source_addr_ton');
  const sourceAddrNpi = r.u8('source_addr_npi');
  const sourceAddr = r.cstring('source_addr');
  const destAddrTon = r.u8('dest_addr_ton');
  const destAddrNpi = r.u8('dest_addr_npi');
  const destinationAddr = r.cstring('destination_addr');
  const esmClass = r.u8('esm_class');
  const protocolId = r.u8('protocol_id');
  const priorityFlag = r.u8('priority_flag');
  const scheduleDeliveryTime = r.cstring('schedule_delivery_time');
  const validityPeriod = r.cstring('validity_period');
  const registeredDelivery = r.u8('registered_delivery');
  const replaceIfPresentFlag = r.u8('replace_if_present_flag');
  const dataCoding = r.u8('data_coding');
  const smDefaultMsgId = r.u8('sm_default_msg_id');
  const shortMessage = r.bytes(r.u8('sm_length'), 'short_message');
  const tlvs = readTlvs(r);
  return {
    serviceType,
    sourceAddrTon,
    sourceAddrNpi,
    sourceAddr,
    destAddrTon,
    destAddrNpi,
    destinationAddr,
    esmClass,
    protocolId,
    priorityFlag,
    scheduleDeliveryTime,
    validityPeriod,
    registeredDelivery,
    replaceIfPresentFlag,
    dataCoding,
    smDefaultMsgId,
    shortMessage,
    tlvs,
  };
}
