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
});
