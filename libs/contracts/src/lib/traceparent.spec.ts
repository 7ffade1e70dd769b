import { childTraceparent, formatTraceparent, newTraceparent, parseTraceparent } from './traceparent';

const VALID = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('parseTraceparent', () => {
  it('parses the W3C example', () => {
    expect(parseTraceparent(VALID)).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      flags: '01',
    });
  });

  it.each([
    ['undefined', undefined],
    ['empty', ''],
    ['unknown version', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['all-zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['all-zero span id', `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`],
    ['uppercase hex', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'],
    ['short trace id', '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01'],
    ['trailing data', `${VALID}-extra`],
  ])('rejects %s', (_label, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });

  it('round-trips through formatTraceparent', () => {
    expect(formatTraceparent(parseTraceparent(VALID)!)).toBe(VALID);
  });
});

describe('newTraceparent', () => {
  it('creates a valid, sampled, random traceparent', () => {
    const a = newTraceparent();
    expect(parseTraceparent(a)?.flags).toBe('01');
    expect(newTraceparent()).not.toBe(a);
  });
});

describe('childTraceparent', () => {
  it('keeps trace id and flags, changes span id', () => {
    const child = parseTraceparent(childTraceparent(VALID))!;
    expect(child.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(child.flags).toBe('01');
    expect(child.spanId).not.toBe('00f067aa0ba902b7');
  });

  it('starts a new trace for a missing or invalid parent', () => {
    expect(parseTraceparent(childTraceparent())).toBeDefined();
    const child = parseTraceparent(childTraceparent('garbage'))!;
    expect(child.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
