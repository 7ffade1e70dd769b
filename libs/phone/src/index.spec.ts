import { defaultTimezoneFor, isMobileCapable, normalizePhone } from './index';

describe('@herald/phone public API', () => {
  it('normalizes, classifies and places a number', () => {
    const phone = normalizePhone('06 12 34 56 78', 'FR');
    expect(phone).toEqual({ ok: true, e164: '+33612345678', country: 'FR', type: 'MOBILE' });
    if (!phone.ok) return;
    expect(isMobileCapable(phone.type)).toBe(true);
    expect(defaultTimezoneFor(phone.country, phone.e164)).toBe('Europe/Paris');
  });
});
