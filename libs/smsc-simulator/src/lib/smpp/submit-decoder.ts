import * as smpp from 'smpp';
import type { ConcatInfo } from '../domain/submit-record';

export interface DecodedSubmit {
  sequenceNumber: number;
  source: string;
  sourceTon: number;
  destination: string;
  esmClass: number;
  dataCoding: number;
  registeredDelivery: number;
  validityPeriod: string;
  /** Text octets: short_message (or message_payload) without its UDH. */
  body: Buffer;
  concat?: ConcatInfo;
  userMessageReference?: string;
  tlvs: Record<string, string>;
}

const UDHI = 0x40;
const SAR_REF = 0x020c;
const SAR_TOTAL = 0x020e;
const SAR_SEQ = 0x020f;
const USER_MESSAGE_REFERENCE = 0x0204;
const MESSAGE_PAYLOAD = 0x0424;

/** Reads a submit_sm decoded by node-smpp in raw mode (see raw-pdu-mode.ts). */
export function decodeSubmit(pdu: smpp.PDU): DecodedSubmit {
  const tlvs = collectTlvs(pdu);
  const shortMessage = asBuffer(pdu.short_message);
  const esmClass = Number(pdu.esm_class ?? 0);
  let body = shortMessage.length > 0 ? shortMessage : (tlvs.get(MESSAGE_PAYLOAD) ?? shortMessage);
  let concat: ConcatInfo | undefined;
  if ((esmClass & UDHI) !== 0 && body.length > 0) {
    const udhLength = body[0];
    concat = concatFromUdh(body.subarray(1, 1 + udhLength));
    body = body.subarray(1 + udhLength);
  }
  const sarRef = tlvs.get(SAR_REF);
  if (concat === undefined && sarRef !== undefined) {
    concat = {
      method: 'sar',
      reference: sarRef.readUIntBE(0, sarRef.length),
      total: tlvs.get(SAR_TOTAL)?.[0] ?? 1,
      index: tlvs.get(SAR_SEQ)?.[0] ?? 1,
    };
  }
  const umr = tlvs.get(USER_MESSAGE_REFERENCE);
  return {
    sequenceNumber: pdu.sequence_number,
    source: String(pdu.source_addr ?? ''),
    sourceTon: Number(pdu.source_addr_ton ?? 0),
    destination: String(pdu.destination_addr ?? ''),
    esmClass,
    dataCoding: Number(pdu.data_coding ?? 0),
    registeredDelivery: Number(pdu.registered_delivery ?? 0),
    validityPeriod: String(pdu.validity_period ?? ''),
    body,
    ...(concat ? { concat } : {}),
    ...(umr ? { userMessageReference: umr.length === 2 ? String(umr.readUInt16BE(0)) : cstring(umr) } : {}),
    tlvs: Object.fromEntries([...tlvs].map(([tag, v]) => [`0x${tag.toString(16).padStart(4, '0')}`, display(v)])),
  };
}

/** data_coding 0 with node-smpp's GSM 03.38 table (unpacked, escapes), 8 as UCS-2 big-endian. */
export function decodeText(bytes: Buffer, dataCoding: number): string {
  if (dataCoding === 0) return smpp.encodings.ASCII.decode(bytes);
  if (dataCoding === 8) return smpp.encodings.UCS2.decode(bytes);
  if (dataCoding === 1 || dataCoding === 3) return smpp.encodings.LATIN1.decode(bytes);
  return `hex:${bytes.toString('hex')}`;
}

// Concatenation information elements (3GPP TS 23.040 9.2.3.24.1 / .8):
//   IEI 0x00, length 3: reference (8 bits), total, index
//   IEI 0x08, length 4: reference (16 bits), total, index
function concatFromUdh(udh: Buffer): ConcatInfo | undefined {
  for (let i = 0; i + 2 <= udh.length;) {
    const iei = udh[i];
    const len = udh[i + 1];
    const data = udh.subarray(i + 2, i + 2 + len);
    if (iei === 0x00 && len === 3) return { method: 'udh', reference: data[0], total: data[1], index: data[2] };
    if (iei === 0x08 && len === 4)
      return { method: 'udh', reference: data.readUInt16BE(0), total: data[2], index: data[3] };
    i += 2 + len;
  }
  return undefined;
}

function collectTlvs(pdu: smpp.PDU): Map<number, Buffer> {
  const out = new Map<number, Buffer>();
  for (const [key, value] of Object.entries(pdu)) {
    if (!Buffer.isBuffer(value)) continue;
    const tag = /^\d+$/.test(key) ? Number(key) : smpp.tlvs[key]?.id;
    if (tag !== undefined) out.set(tag, value);
  }
  return out;
}

function asBuffer(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  return typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.alloc(0);
}

function cstring(v: Buffer): string {
  const nul = v.indexOf(0);
  return v.toString('utf8', 0, nul < 0 ? v.length : nul);
}

function display(v: Buffer): string {
  const text = cstring(v);
  return /^[\x20-\x7e]*$/.test(text) && (v.indexOf(0) < 0 || v.indexOf(0) === v.length - 1)
    ? text
    : `hex:${v.toString('hex')}`;
}
