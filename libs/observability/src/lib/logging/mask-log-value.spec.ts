import { maskLogValue } from './mask-log-value';

describe('maskLogValue', () => {
  it('redacts secrets, masks phones, keeps the rest', () => {
    const out = maskLogValue({
      messageId: 'm-1',
      phone: '+33612345678',
      variables: { code: '123456' },
      nested: { otp: '987654', note: 'reach +44 7700 900123 today', count: 3 },
      err: new Error('bad number +33612345678'),
    });
    expect(out).toEqual({
      messageId: 'm-1',
      phone: '*********78',
      variables: '[redacted]',
      nested: { otp: '[redacted]', note: 'reach **********23 today', count: 3 },
      err: { type: 'Error', message: 'bad number *********78', code: undefined },
    });
  });

  it('keeps ids and amounts that are not phone-like', () => {
    expect(maskLogValue({ orderId: '10023', amount: '49.90' })).toEqual({ orderId: '10023', amount: '49.90' });
  });

  it('keeps trace ids and uuids under id keys even when their digits look like a number', () => {
    const ids = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: '0016d3cca4273355',
      messageId: '9a7c1e32-5530-4d1a-8b6e-123456789abc',
    };
    expect(maskLogValue(ids)).toEqual(ids);
    expect(maskLogValue({ customerId: '+33612345678', note: '0af7651916cd43dd' })).toEqual({
      customerId: '*********78',
      note: '0af7651916cd43dd',
    });
  });

  it('keeps timestamps, offsets and sizes readable, redacts pins and tokens (issue 19)', () => {
    const record = {
      time: '2026-12-04T18:54:20Z',
      offset: '123456789',
      bytes: '1048552',
      msg: 'record is 1048552 bytes',
    };
    expect(maskLogValue(record)).toEqual(record);
    expect(
      maskLogValue({ pin: '1234', token: 'abc', offset: '+33612345678', note: 'OTP 123456 to +33612345678' }),
    ).toEqual({
      pin: '[redacted]',
      token: '[redacted]',
      offset: '*********78',
      note: 'OTP ****** to *********78',
    });
  });
});
