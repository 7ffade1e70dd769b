import {
  analyze,
  encodeGsm7Unpacked,
  encodeUcs2,
  isGsm7Char,
  SEGMENT_LIMITS,
  splitSegments,
  transliterate,
} from './index';

describe('@herald/sms-encoding public API', () => {
  it('picks the encoding, counts segments and encodes each part', () => {
    const body = transliterate('Your code: 123456 – don’t share it');
    const { encoding, segments } = analyze(body);
    expect({ encoding, segments }).toEqual({ encoding: 'GSM7', segments: 1 });
    expect(splitSegments(body, encoding).map((part) => encodeGsm7Unpacked(part).length)).toEqual([body.length]);
    expect(encodeUcs2('ok').length).toBe(4);
    expect(isGsm7Char('€')).toBe(true);
    expect(SEGMENT_LIMITS.UCS2).toEqual({ single: 70, multi: 67 });
  });
});
