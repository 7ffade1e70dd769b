import { SmppError } from '../smpp-error';
import { HEADER_LENGTH } from './pdu';

/**
 * Cuts a TCP byte stream into PDU frames. PDUs travel back to back and each one's first four
 * octets (command_length) say where it ends, so a chunk may stop mid-PDU, even mid-length, or
 * carry several PDUs. A length outside [16, maxLength] means the stream cannot be resynchronised:
 * the caller must drop the connection.
 */
export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxLength = 65536) {}

  /** Returns every frame completed by this chunk, in order; keeps the trailing partial one. */
  push(chunk: Buffer): Buffer[] {
    const data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Buffer[] = [];
    let offset = 0;
    while (data.length - offset >= 4) {
      const length = data.readUInt32BE(offset);
      if (length < HEADER_LENGTH || length > this.maxLength) {
        throw new SmppError('INVALID_PDU', `command_length ${length} outside [${HEADER_LENGTH}, ${this.maxLength}]`);
      }
      if (data.length - offset < length) break;
      frames.push(data.subarray(offset, offset + length));
      offset += length;
    }
    this.pending = offset === data.length ? Buffer.alloc(0) : Buffer.from(data.subarray(offset));
    return frames;
  }

  get bufferedBytes(): number {
    return this.pending.length;
  }
}
