import { SmppError } from '../smpp-error';

/**
 * Big-endian writer for PDU bodies. C-Octet Strings are ASCII terminated by one NUL; their SMPP
 * maximum sizes count that NUL, so `max` below does too.
 */
export class PduWriter {
  private buf: Buffer;
  private len = 0;

  constructor(initialSize = 128) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  u8(value: number): this {
    this.ensure(1);
    this.buf.writeUInt8(value & 0xff, this.len);
    this.len += 1;
    return this;
  }

  u16(value: number): this {
    this.ensure(2);
    this.buf.writeUInt16BE(value & 0xffff, this.len);
    this.len += 2;
    return this;
  }

  u32(value: number): this {
    this.ensure(4);
    this.buf.writeUInt32BE(value >>> 0, this.len);
    this.len += 4;
    return this;
  }

  cstring(value: string, max: number, field: string): this {
    const bytes = Buffer.byteLength(value, 'latin1');
    if (bytes + 1 > max) throw new SmppError('INVALID_PDU', `${field} is longer than ${max - 1} octets`);
    this.ensure(bytes + 1);
    this.buf.write(value, this.len, 'latin1');
    this.len += bytes;
    this.buf[this.len++] = 0;
    return this;
  }

  bytes(value: Buffer): this {
    this.ensure(value.length);
    value.copy(this.buf, this.len);
    this.len += value.length;
    return this;
  }

  get length(): number {
    return this.len;
  }

  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.len));
  }

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + extra));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
}

/** Reads a PDU body; running past the end is an INVALID_PDU, never a silent zero. */
export class PduReader {
  constructor(
    private readonly buf: Buffer,
    private offset: number,
    private readonly end = buf.length,
  ) {}

  get remaining(): number {
    return this.end - this.offset;
  }

  u8(field: string): number {
    this.need(1, field);
    return this.buf.readUInt8(this.offset++);
  }

  u16(field: string): number {
    this.need(2, field);
    const v = this.buf.readUInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  cstring(field: string): string {
    const nul = this.buf.indexOf(0, this.offset);
    if (nul < 0 || nul >= this.end) throw new SmppError('INVALID_PDU', `${field} is not NUL-terminated`);
    const value = this.buf.toString('latin1', this.offset, nul);
    this.offset = nul + 1;
    return value;
  }

  bytes(length: number, field: string): Buffer {
    this.need(length, field);
    const v = this.buf.subarray(this.offset, this.offset + length);
    this.offset += length;
    return Buffer.from(v);
  }

  private need(n: number, field: string): void {
    if (this.offset + n > this.end) throw new SmppError('INVALID_PDU', `PDU ends before ${field}`);
  }
}
