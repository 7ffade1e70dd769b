import { FrameDecoder } from './frame-decoder';
import { decodePdu, encodePdu, type Pdu } from './pdu';

const pdus: Pdu[] = [
  { command: 'enquire_link', sequenceNumber: 1, commandStatus: 0 },
  { command: 'submit_sm_resp', sequenceNumber: 2, commandStatus: 0, messageId: 'ABCDEF0123' },
  { command: 'generic_nack', sequenceNumber: 3, commandStatus: 3 },
];
const stream = Buffer.concat(pdus.map(encodePdu));

function feed(chunks: Buffer[]): Pdu[] {
  const d = new FrameDecoder();
  return chunks.flatMap((c) => d.push(c)).map(decodePdu);
}

describe('FrameDecoder', () => {
  it('cuts coalesced PDUs from one chunk', () => {
    expect(feed([stream])).toEqual(pdus);
  });

  it.each(Array.from({ length: stream.length - 1 }, (_, i) => i + 1))('reassembles a stream split at byte %i', (at) => {
    expect(feed([stream.subarray(0, at), stream.subarray(at)])).toEqual(pdus);
  });

  it('reassembles a stream fed one byte at a time', () => {
    expect(feed([...stream].map((b) => Buffer.from([b])))).toEqual(pdus);
  });

  it('keeps the partial tail until it completes', () => {
    const d = new FrameDecoder();
    expect(d.push(stream.subarray(0, 20))).toHaveLength(1);
    expect(d.bufferedBytes).toBe(4);
    expect(d.push(stream.subarray(20))).toHaveLength(2);
    expect(d.bufferedBytes).toBe(0);
  });

  it.each([
    ['shorter than a header', 15],
    ['larger than the limit', 70000],
  ])('fails on a command_length %s', (_what, length) => {
    const b = Buffer.alloc(16);
    b.writeUInt32BE(length, 0);
    expect(() => new FrameDecoder().push(b)).toThrow(expect.objectContaining({ code: 'INVALID_PDU' }));
  });
});
