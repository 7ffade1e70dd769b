import { checkNumber } from './number.policy';

describe('number validity', () => {
  it.each([
    ['FR mobile', '+33612345678', { e164: '+33612345678', country: 'FR' }],
    ['US number (mobile or fixed)', '+14155550123', { e164: '+14155550123', country: 'US' }],
    ['FR landline', '+33142345678', 'NOT_MOBILE'],
    ['unallocated FR range', '+33712345678', 'INVALID_NUMBER'],
    ['not E.164', '0612345678', 'INVALID_NUMBER'],
    ['E.164 with spaces', '+33 6 12 34 56 78', 'INVALID_NUMBER'],
    ['undecryptable', undefined, 'INVALID_NUMBER'],
  ])('%s', (_case, phone, expected) => {
    const r = checkNumber(phone, 'FR');
    expect('outcome' in r ? r.reasonCode : r).toEqual(expected);
  });
});
