import { decodeGsm7Unpacked, encodeGsm7Unpacked } from './gsm7';
import { DataCoding, EsmClass } from './pdu/submit-sm';
import { tlv, TlvTag, type Tlv } from './pdu/tlv';
import { SmppError } from './smpp-error';

export type ConcatMethod = 'udh' | 'sar';

export interface MessagePart {
  shortMessage: Buffer;
  esmClass: number;
  dataCoding: number;
  tlvs: Tlv[];
}

export interface BuildPartsOptions {
  /** 0 (GSM 03.38, unpacked) or 8 (UCS-2, big-endian UTF-16). */
  dataCoding: number;
  /** Concatenation reference shared by every part: 8 bits with UDH, 16 bits with SAR. */
  reference: number;
  method?: ConcatMethod;
}

/** Text to short_message octets for the two codings Herald sends. */
export function encodeText(text: string, dataCoding: number): Buffer {
  if (dataCoding === DataCoding.GSM7) return encodeGsm7Unpacked(text);
  if (dataCoding === DataCoding.UCS2) return Buffer.from(text, 'utf16le').swap16();
  throw new SmppError('INVALID_PDU', `data_coding ${dataCoding} is not supported for sending`);
}

/** Octets to text: GSM unpacked, UCS-2, else Latin-1 (what most SMSCs mean by 3 or an ASCII receipt). */
export function decodeText(bytes: Buffer, dataCoding: number): string {
  if (dataCoding === DataCoding.GSM7) return decodeGsm7Unpacked(bytes);
  if (dataCoding === DataCoding.UCS2) return Buffer.from(bytes).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

// Concatenation UDH (3GPP TS 23.040 section 9.2.3.24.1), prefixed to each part's short_message
// with esm_class 0x40:
//   UDHL 0x05 | IEI 0x00 | IEDL 0x03 | reference (8 bits) | total parts | this part (1-based)
// SAR instead puts the same three facts in TLVs 0x020C (16 bits), 0x020E and 0x020F.
export function buildParts(segments: readonly string[], opts: BuildPartsOptions): MessagePart[] {
  const total = segments.length;
  if (total < 1 || total > 255) throw new SmppError('INVALID_PDU', `a message has 1 to 255 parts, got ${total}`);
  const bodies = segments.map((s) => encodeText(s, opts.dataCoding));
  if (total === 1)
    return [{ shortMessage: bodies[0], esmClass: EsmClass.DEFAULT, dataCoding: opts.dataCoding, tlvs: [] }];
  const method = opts.method ?? 'udh';
  return bodies.map((body, i) => {
    if (method === 'sar') {
      return {
        shortMessage: body,
        esmClass: EsmClass.DEFAULT,
        dataCoding: opts.dataCoding,
        tlvs: [
          tlv.u16(TlvTag.SAR_MSG_REF_NUM, opts.reference),
          tlv.u8(TlvTag.SAR_TOTAL_SEGMENTS, total),
          tlv.u8(TlvTag.SAR_SEGMENT_SEQNUM, i + 1),
        ],
      };
    }
    const udh = Buffer.from([0x05, 0x00, 0x03, opts.reference & 0xff, total, i + 1]);
    return { shortMessage: Buffer.concat([udh, body]), esmClass: EsmClass.UDHI, dataCoding: opts.dataCoding, tlvs: [] };
  });
}
