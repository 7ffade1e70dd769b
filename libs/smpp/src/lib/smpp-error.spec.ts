import { SmppError, SmppErrorCatalog, isSmppError, type SmppErrorCode } from './smpp-error';

describe('SmppError', () => {
  const expected: Record<SmppErrorCode, boolean> = {
    CONNECTION_LOST: true,
    TIMEOUT: true,
    NOT_BOUND: true,
    SESSION_CLOSED: true,
    BIND_FAILED: false,
    INVALID_PDU: false,
  };

  it.each(Object.keys(SmppErrorCatalog) as SmppErrorCode[])('%s carries its own code and retriable flag', (code) => {
    const e = new SmppError(code, 'x');
    expect(e.code).toBe(code);
    expect(e.retriable).toBe(expected[code]);
    expect(e.maybeSubmitted).toBe(false);
    expect(isSmppError(e)).toBe(true);
  });

  it('records an ambiguous submit', () => {
    const e = new SmppError('CONNECTION_LOST', 'lost', { maybeSubmitted: true, sequenceNumber: 4 });
    expect(e).toMatchObject({ maybeSubmitted: true, sequenceNumber: 4, name: 'SmppError' });
    expect(isSmppError(new Error('x'))).toBe(false);
  });
});
