// The kafkajs record encoder as patched at install (patches/kafkajs+2.2.4.patch, fourth fix): the
// bytes must stay exactly those of the unpatched 2.2.4 encoder, which the broker and every other
// client read. Golden bytes below were produced by the unpatched encoder.
/* eslint-disable @typescript-eslint/no-require-imports */
export {};
type RecordHeaders = Record<string, string | Buffer | Array<string | Buffer>>;
interface RecordInput {
  offsetDelta: number;
  timestampDelta: number | object;
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers: RecordHeaders;
}
interface EncoderLike {
  buffer: Buffer;
  writeVarInt(v: number): EncoderLike;
  writeUVarInt(v: number): EncoderLike;
  writeVarLong(v: number | object): EncoderLike;
}
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (r: RecordInput) => EncoderLike;
const RecordDecoder = require('kafkajs/src/protocol/recordBatch/record/v0/decoder') as (
  d: unknown,
  ctx: object,
) => {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[]>;
  offset: string;
  timestamp: string;
};
const Decoder = require('kafkajs/src/protocol/decoder') as new (b: Buffer) => {
  offset: number;
  readVarInt(): number;
  readVarLong(): { toString(): string };
};
const Encoder = require('kafkajs/src/protocol/encoder') as (new () => EncoderLike) & {
  sizeOfVarLong(v: number): number;
};
const Long = require('kafkajs/src/utils/long') as { fromNumber(n: number): object };

const golden: Array<[RecordInput, string]> = [
  [
    {
      offsetDelta: 0,
      timestampDelta: 0,
      key: 'order-1',
      value: '{"a":1}',
      headers: { ce_id: 'x', 'content-type': 'application/json' },
    },
    '740000000e6f726465722d310e7b2261223a317d040a63655f6964027818636f6e74656e742d74797065206170706c69636174696f6e2f6a736f6e',
  ],
  [
    { offsetDelta: 7, timestampDelta: 1234, key: null, value: Buffer.from([0, 1, 2, 255]), headers: {} },
    '1600a4130e0108000102ff00',
  ],
  [
    {
      offsetDelta: 300,
      timestampDelta: -5,
      key: Buffer.from('k'),
      value: 'Zoë 😀 €',
      headers: { multi: ['a', 'bb'], bin: Buffer.from([9, 8]) },
    },
    '5a0009d804026b1a5a6fc3ab20f09f988020e282ac060a6d756c746902610a6d756c74690462620662696e040908',
  ],
  [
    { offsetDelta: 2 ** 31 - 1, timestampDelta: 2 ** 40, key: 'k', value: null, headers: { t: 'v' } },
    '2800808080808040feffffff0f026b010202740276',
  ],
  [
    { offsetDelta: 2, timestampDelta: 2 ** 30, key: 'k', value: 'v', headers: { a: 'b' } },
    '2000808080800804026b02760202610262',
  ],
  [{ offsetDelta: 3, timestampDelta: -(2 ** 30) - 1, key: 'k', value: 'v', headers: {} }, '1800818080800806026b027600'],
];

describe('kafkajs record encoding (as patched)', () => {
  it.each(golden.map(([input, hex], i) => [i, input, hex] as const))(
    'case %i: the same bytes as the unpatched encoder',
    (_i, input, hex) => {
      expect(encodeRecord(input).buffer.toString('hex')).toBe(hex);
    },
  );

  it('round-trips through kafkajs decoder, large values and many headers included', () => {
    const headers: RecordHeaders = {};
    for (let i = 0; i < 12; i++)
      headers[`h-${i}`] = i % 3 === 0 ? Buffer.from([i, 255 - i]) : `välue-${'€'.repeat(i * 40)}`;
    for (const timestampDelta of [0, 1, -1, 2 ** 30 - 1, -(2 ** 30), 2 ** 45, -(2 ** 45)]) {
      const value = `{"text":"${'é😀'.repeat(900)}"}`;
      const encoded = encodeRecord({ offsetDelta: 41, timestampDelta, key: 'key-ü', value, headers }).buffer;
      const decoder = new Decoder(encoded);
      const size = decoder.readVarInt();
      // The length prefix counts exactly the bytes after it.
      expect(encoded.length - decoder.offset).toBe(size);
      const r = RecordDecoder(decoder, { firstOffset: '1000', firstTimestamp: '0', magicByte: 2 });
      expect(r.offset).toBe('1041');
      expect(r.timestamp).toBe(String(timestampDelta));
      expect(r.key?.toString()).toBe('key-ü');
      expect(r.value?.toString()).toBe(value);
      expect(Object.keys(r.headers)).toEqual(Object.keys(headers));
      for (const [k, v] of Object.entries(headers))
        expect(r.headers[k]).toEqual(Buffer.isBuffer(v) ? v : Buffer.from(v as string));
    }
  });

  it('writes varints and varlongs as Kafka defines them (zigzag, then 7 bits per byte)', () => {
    const hex = (e: EncoderLike) => e.buffer.toString('hex');
    expect(hex(new Encoder().writeVarInt(0))).toBe('00');
    expect(hex(new Encoder().writeVarInt(-1))).toBe('01');
    expect(hex(new Encoder().writeVarInt(300))).toBe('d804');
    expect(hex(new Encoder().writeVarInt(-(2 ** 31)))).toBe('ffffffff0f');
    expect(hex(new Encoder().writeUVarInt(2 ** 32 - 1))).toBe('ffffffff0f');
    expect(hex(new Encoder().writeVarLong(-(2 ** 30)))).toBe('ffffffff07');
    expect(hex(new Encoder().writeVarLong(2 ** 30))).toBe('8080808008');
    expect(hex(new Encoder().writeVarLong(Long.fromNumber(2 ** 30)))).toBe('8080808008');
    for (const v of [0, 63, 64, -65, 2 ** 30 - 1, 2 ** 30, 2 ** 40])
      expect(Encoder.sizeOfVarLong(v)).toBe(new Encoder().writeVarLong(v).buffer.length);
  });
});

const murmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (key: string | Buffer) => number;
const groupMessagesPerPartition = require('kafkajs/src/producer/groupMessagesPerPartition') as (a: {
  topic: string;
  partitionMetadata: Array<{ partitionId: number; leader: number }>;
  messages: Array<{ key: string }>;
  partitioner: (a: { message: { key: string } }) => number;
}) => Record<string, Array<{ key: string }>>;

describe('kafkajs partitioning (as patched)', () => {
  it("hashes keys as Kafka's Java client does (the vectors of Kafka's UtilsTest)", () => {
    expect(murmur2('21')).toBe(-973932308);
    expect(murmur2('foobar')).toBe(-790332482);
    expect(murmur2('a-little-bit-long-string')).toBe(-985981536);
    expect(murmur2('a-little-bit-longer-string')).toBe(-1486304829);
    expect(murmur2('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8')).toBe(-58897971);
    expect(murmur2('abc')).toBe(479470107);
    expect(murmur2(Buffer.from('abc'))).toBe(479470107);
  });

  it('groups messages per partition in their order', () => {
    const messages = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}` }));
    const partitionMetadata = [0, 1, 2].map((partitionId) => ({ partitionId, leader: 0 }));
    const grouped = groupMessagesPerPartition({
      topic: 't',
      partitionMetadata,
      messages,
      partitioner: ({ message }) => Number(message.key.slice(1)) % 3,
    });
    expect(Object.keys(grouped)).toEqual(['0', '1', '2']);
    for (const p of [0, 1, 2]) expect(grouped[p]).toEqual(messages.filter((_, i) => i % 3 === p));
    expect(groupMessagesPerPartition({ topic: 't', partitionMetadata: [], messages, partitioner: () => 0 })).toEqual(
      {},
    );
  });
});

describe('kafkajs record decoding (as patched)', () => {
  const decode = (input: RecordInput, ctx: object) => {
    const decoder = new Decoder(encodeRecord(input).buffer);
    decoder.readVarInt();
    return RecordDecoder(decoder, { magicByte: 2, ...ctx });
  };

  it('adds deltas to offsets and timestamps beyond 2^53 exactly (BigInt, as before)', () => {
    const r = decode(
      { offsetDelta: 5, timestampDelta: 7, key: 'k', value: 'v', headers: {} },
      { firstOffset: '9223372036854775000', firstTimestamp: '9007199254740990' },
    );
    expect(r.offset).toBe('9223372036854775005');
    expect(r.timestamp).toBe('9007199254740997');
  });

  it('keeps repeated header keys as arrays and "__proto__" as a plain header', () => {
    const r = decode(
      {
        offsetDelta: 0,
        timestampDelta: -3,
        key: null,
        value: null,
        headers: { a: ['1', '2', '3'], ['__proto__']: 'x' },
      },
      { firstOffset: '0', firstTimestamp: '1765000000000' },
    );
    expect(r.timestamp).toBe('1764999999997');
    expect(r.headers.a).toEqual([Buffer.from('1'), Buffer.from('2'), Buffer.from('3')]);
    expect(Object.getPrototypeOf(r.headers)).toBe(Object.prototype);
    expect(Object.keys(r.headers)).toEqual(['a', '__proto__']);
  });
});
