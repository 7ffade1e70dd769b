import type { DeliverSmPdu } from '../pdu/pdu';
import type { ShortMessageBody } from '../pdu/short-message';
import { EsmClass } from '../pdu/submit-sm';
import { tlv, type Tlv } from '../pdu/tlv';
import { relativeValidityPeriod } from '../pdu/validity-period';

export interface SubmitParams {
  /** E.164 (`+33612345678`) or national digits; a leading + means TON 1 / NPI 1. */
  destination: string;
  /** Digits (a number) or up to 11 letters (an alphanumeric sender, TON 5 / NPI 0). */
  source: string;
  shortMessage: Buffer;
  /** 0 GSM 03.38 unpacked, 8 UCS-2. */
  dataCoding: number;
  /** 0x40 when shortMessage starts with a UDH; `buildParts` sets it. */
  esmClass?: number;
  /** Becomes a relative validity_period; ignored when validityPeriod is given. */
  ttlSeconds?: number;
  validityPeriod?: string;
  /** Default 1: a receipt on the final outcome. */
  registeredDelivery?: number;
  /** Our message id, sent as TLV 0x0204 so a submit can be reconciled after an ambiguous send. */
  userMessageReference?: string | number;
  /** SAR, message_payload, vendor TLVs (India DLT entity/template ids, ...). */
  tlvs?: Tlv[];
  serviceType?: string;
  protocolId?: number;
  priorityFlag?: number;
  scheduleDeliveryTime?: string;
  sourceTon?: number;
  sourceNpi?: number;
  destTon?: number;
  destNpi?: number;
}

interface Address {
  ton: number;
  npi: number;
  addr: string;
}

// TON/NPI (section 5.2.5/5.2.6): +digits -> international/E.164, digits -> unknown/E.164,
// anything else -> alphanumeric/unknown.
export function inferAddress(value: string): Address {
  if (/^\+\d+$/.test(value)) return { ton: 1, npi: 1, addr: value.slice(1) };
  if (/^\d+$/.test(value)) return { ton: 0, npi: 1, addr: value };
  return { ton: 5, npi: 0, addr: value };
}

export function buildSubmitSm(p: SubmitParams): ShortMessageBody {
  const src = inferAddress(p.source);
  const dst = inferAddress(p.destination);
  const tlvs = [...(p.tlvs ?? [])];
  if (p.userMessageReference !== undefined) tlvs.unshift(tlv.userMessageReference(p.userMessageReference));
  return {
    serviceType: p.serviceType ?? '',
    sourceAddrTon: p.sourceTon ?? src.ton,
    sourceAddrNpi: p.sourceNpi ?? src.npi,
    sourceAddr: src.addr,
    destAddrTon: p.destTon ?? dst.ton,
    destAddrNpi: p.destNpi ?? dst.npi,
    destinationAddr: dst.addr,
    esmClass: p.esmClass ?? EsmClass.DEFAULT,
    protocolId: p.protocolId ?? 0,
    priorityFlag: p.priorityFlag ?? 0,
    scheduleDeliveryTime: p.scheduleDeliveryTime ?? '',
    validityPeriod: p.validityPeriod ?? (p.ttlSeconds === undefined ? '' : relativeValidityPeriod(p.ttlSeconds)),
    registeredDelivery: p.registeredDelivery ?? 1,
    replaceIfPresentFlag: 0,
    dataCoding: p.dataCoding,
    smDefaultMsgId: 0,
    shortMessage: p.shortMessage,
    tlvs,
  };
}

/** A deliver_sm as the session hands it over: an MO message, or a receipt when isReceipt. */
export interface DeliverEvent {
  sourceAddr: string;
  destAddr: string;
  esmClass: number;
  shortMessage: Buffer;
  dataCoding: number;
  tlvs: Tlv[];
  isReceipt: boolean;
  sequenceNumber: number;
}

export function toDeliverEvent(pdu: DeliverSmPdu): DeliverEvent {
  return {
    sourceAddr: pdu.sourceAddr,
    destAddr: pdu.destinationAddr,
    esmClass: pdu.esmClass,
    shortMessage: pdu.shortMessage,
    dataCoding: pdu.dataCoding,
    tlvs: pdu.tlvs,
    isReceipt: (pdu.esmClass & EsmClass.DELIVERY_RECEIPT) !== 0,
    sequenceNumber: pdu.sequenceNumber,
  };
}
