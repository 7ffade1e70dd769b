import { PduReader, PduWriter } from './pdu-io';

// Optional parameters (SMPP 3.4 section 5.3) follow the mandatory fields, each one:
//   tag     Integer 2   parameter id (0x1400-0x3FFF are vendor-specific)
//   length  Integer 2   length of value in octets
//   value   length octets
export interface Tlv {
  tag: number;
  value: Buffer;
}

export const TlvTag = {
  RECEIPTED_MESSAGE_ID: 0x001e,
  USER_MESSAGE_REFERENCE: 0x0204,
  SAR_MSG_REF_NUM: 0x020c,
  SAR_TOTAL_SEGMENTS: 0x020e,
  SAR_SEGMENT_SEQNUM: 0x020f,
  SC_INTERFACE_VERSION: 0x0210,
  NETWORK_ERROR_CODE: 0x0423,
  MESSAGE_PAYLOAD: 0x0424,
  MESSAGE_STATE: 0x0427,
} as const;

/** The tags Indian operators commonly use for DLT registration ids; confirm per carrier. */
export const IndiaDltTlvTag = { ENTITY_ID: 0x1400, TEMPLATE_ID: 0x1401 } as const;

export const tlv = {
  u8: (tag: number, value: number): Tlv => ({ tag, value: Buffer.from([value & 0xff]) }),
  u16: (tag: number, value: number): Tlv => {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(value & 0xffff);
    return { tag, value: b };
  },
  u32: (tag: number, value: number): Tlv => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value >>> 0);
    return { tag, value: b };
  },
  /** A C-Octet String value: ASCII plus the terminating NUL counted in `length`. */
  cstring: (tag: number, value: string): Tlv => ({ tag, value: Buffer.from(`${value}\0`, 'latin1') }),
  octets: (tag: number, value: Buffer): Tlv => ({ tag, value }),
  /**
   * user_message_reference is Integer 2 in SMPP 3.4. A number is sent that way; a string (our
   * message id, for SMSCs that accept longer references) is sent as a C-Octet String.
   */
  userMessageReference: (ref: number | string): Tlv =>
    typeof ref === 'number'
      ? tlv.u16(TlvTag.USER_MESSAGE_REFERENCE, ref)
      : tlv.cstring(TlvTag.USER_MESSAGE_REFERENCE, ref),
};

export function writeTlvs(w: PduWriter, tlvs: readonly Tlv[]): void {
  for (const t of tlvs) w.u16(t.tag).u16(t.value.length).bytes(t.value);
}

export function readTlvs(r: PduReader): Tlv[] {
  const out: Tlv[] = [];
  while (r.remaining > 0) {
    const tag = r.u16('tlv tag');
    const length = r.u16('tlv length');
    out.push({ tag, value: r.bytes(length, `tlv 0x${tag.toString(16)} value`) });
  }
  return out;
}

export function findTlv(tlvs: readonly Tlv[], tag: number): Buffer | undefined {
  for (const t of tlvs) if (t.tag === tag) return t.value;
  return undefined;
}

/** An Integer TLV of 1, 2 or 4 octets. */
export function readTlvUint(tlvs: readonly Tlv[], tag: number): number | undefined {
  const v = findTlv(tlvs, tag);
  if (v === undefined || v.length === 0 || v.length > 4) return undefined;
  return v.readUIntBE(0, v.length);
}

/** A C-Octet String TLV; tolerates a missing terminator, as some SMSCs send. */
export function readTlvString(tlvs: readonly Tlv[], tag: number): string | undefined {
  const v = findTlv(tlvs, tag);
  if (v === undefined) return undefined;
  const nul = v.indexOf(0);
  return v.toString('latin1', 0, nul < 0 ? v.length : nul);
}

/** user_message_reference as text: the decimal Integer 2 of the spec, or the string form above. */
export function readUserMessageReference(tlvs: readonly Tlv[]): string | undefined {
  const v = findTlv(tlvs, TlvTag.USER_MESSAGE_REFERENCE);
  if (v === undefined) return undefined;
  return v.length === 2 ? String(v.readUInt16BE(0)) : readTlvString(tlvs, TlvTag.USER_MESSAGE_REFERENCE);
}
