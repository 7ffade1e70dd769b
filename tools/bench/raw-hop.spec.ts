import { reencode } from './raw-hop.main';

describe("raw hop re-encoding (the ceiling's per-record work)", () => {
  it('parses and re-serializes the value and decodes headers and key to strings', () => {
    const out = reencode(
      Buffer.from('c-1'),
      Buffer.from('{ "a": 1, "b": [true] }'),
      Object.entries({ ce_id: Buffer.from('r-1'), 'content-type': 'application/json' }),
    );
    expect(out).toEqual({
      key: 'c-1',
      value: '{"a":1,"b":[true]}',
      headers: { ce_id: 'r-1', 'content-type': 'application/json' },
    });
  });

  it('fails on a value that is not JSON, as a hop that decodes must', () => {
    expect(() => reencode(null, Buffer.from('not json'), [])).toThrow(SyntaxError);
  });

  it('accepts the Map of headers another client gives and drops absent ones', () => {
    expect(
      reencode(
        null,
        '{}',
        new Map<string, unknown>([
          ['x', 'y'],
          ['gone', undefined],
        ]),
      ),
    ).toEqual({ key: null, value: '{}', headers: { x: 'y' } });
  });
});
