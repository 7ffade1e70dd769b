import { ErrorCatalog, ErrorCode, ErrorCodes, HeraldError, isErrorCode, isHeraldError, toHeraldError } from './errors';

describe('ErrorCatalog', () => {
  const rows = ErrorCodes.map((code) => [code, ErrorCatalog[code].retriable] as const);

  it.each(rows)('%s carries its own code and retriable=%s', (code: ErrorCode, retriable: boolean) => {
    const error = new HeraldError(code, 'boom');
    expect(error.code).toBe(code);
    expect(error.retriable).toBe(retriable);
    expect(error.message).toBe('boom');
    expect(error.name).toBe('HeraldError');
    expect(ErrorCatalog[code].description.length).toBeGreaterThan(0);
  });

  it('has exactly the documented codes', () => {
    expect(ErrorCodes).toHaveLength(24);
    expect(ErrorCodes.filter((c) => ErrorCatalog[c].retriable).sort()).toEqual([
      'BROKER_UNAVAILABLE',
      'CARRIER_THROTTLED',
      'CARRIER_TRANSIENT',
      'DB_UNAVAILABLE',
      'HANDLER_FAILED',
    ]);
  });
});

describe('HeraldError', () => {
  it('keeps cause and details', () => {
    const cause = new Error('socket hang up');
    const error = new HeraldError('BROKER_UNAVAILABLE', 'produce failed', { cause, details: { topic: 'x' } });
    expect(error.cause).toBe(cause);
    expect(error.details).toEqual({ topic: 'x' });
    expect(error).toBeInstanceOf(Error);
    expect(isHeraldError(error)).toBe(true);
  });

  it('omits cause and details when not given', () => {
    const error = new HeraldError('CONFIG_INVALID', 'bad');
    expect('cause' in error).toBe(false);
    expect(error.details).toBeUndefined();
  });
});

describe('toHeraldError', () => {
  it('returns a HeraldError unchanged', () => {
    const error = new HeraldError('INVALID_PHONE', 'nope');
    expect(toHeraldError(error)).toBe(error);
  });

  it('wraps an unknown Error as retriable HANDLER_FAILED', () => {
    const cause = new TypeError('x is undefined');
    const error = toHeraldError(cause);
    expect(error.code).toBe('HANDLER_FAILED');
    expect(error.retriable).toBe(true);
    expect(error.message).toBe('x is undefined');
    expect(error.cause).toBe(cause);
  });

  it('wraps a thrown non-Error value', () => {
    expect(toHeraldError('oops').message).toBe('oops');
    expect(isHeraldError({ code: 'HANDLER_FAILED' })).toBe(false);
  });

  it('recognizes catalog codes', () => {
    expect(isErrorCode('DB_UNAVAILABLE')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
  });
});
