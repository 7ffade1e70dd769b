import { PduReader, PduWriter } from './pdu-io';
import { readTlvs, writeTlvs, type Tlv } from './tlv';

// bind_transmitter / bind_receiver / bind_transceiver body (SMPP 3.4 section 4.1.1):
//   system_id          C-Octet String  max 16
//   password           C-Octet String  max 9
//   system_type        C-Octet String  max 13
//   interface_version  Integer 1       0x34 for SMPP 3.4
//   addr_ton           Integer 1
//   addr_npi           Integer 1
//   address_range      C-Octet String  max 41
export interface BindBody {
  systemId: string;
  password: string;
  systemType: string;
  interfaceVersion: number;
  addrTon: number;
  addrNpi: number;
  addressRange: string;
}

export const SMPP_VERSION_34 = 0x34;

export function writeBind(w: PduWriter, b: BindBody): void {
  w.cstring(b.systemId, 16, 'system_id').cstring(b.password, 9, 'password').cstring(b.systemType, 13, 'system_type');
  w.u8(b.interfaceVersion).u8(b.addrTon).u8(b.addrNpi).cstring(b.addressRange, 41, 'address_range');
}

export function readBind(r: PduReader): BindBody {
  return {
    systemId: r.cstring('system_id'),
    password: r.cstring('password'),
    systemType: r.cstring('system_type'),
    interfaceVersion: r.u8('interface_version'),
    addrTon: r.u8('addr_ton'),
    addrNpi: r.u8('addr_npi'),
    addressRange: r.cstring('address_range'),
  };
}

// bind_*_resp body (section 4.1.2):
//   system_id              C-Octet String  max 16, the SMSC's id
//   sc_interface_version   TLV 0x0210, optional
// A resp with a non-zero command_status may have no body at all.
export interface BindRespBody {
  systemId: string;
  tlvs: Tlv[];
}

export function writeBindResp(w: PduWriter, b: BindRespBody): void {
  w.cstring(b.systemId, 16, 'system_id');
  writeTlvs(w, b.tlvs);
}

export function readBindResp(r: PduReader): BindRespBody {
  if (r.remaining === 0) return { systemId: '', tlvs: [] };
  return { systemId: r.cstring('system_id'), tlvs: readTlvs(r) };
}
