import { normalizePhone, type PhoneRejectionReason } from './normalize-phone';
import type { PhoneNumberType } from './phone-number-type';

// Numbers come from reserved or documentation ranges where they exist: Ofcom 07700 900xxx and
// 020 7946 0xxx, NANP 555-01xx, ACMA 0491 570 xxx; FR 06 12 34 56 78 is the usual sample.
const accepted: Array<[string, string, string | undefined, string, string, PhoneNumberType]> = [
  ['international FR mobile', '+33 6 12 34 56 78', undefined, '+33612345678', 'FR', 'MOBILE'],
  ['national FR mobile with hint', '06 12 34 56 78', 'FR', '+33612345678', 'FR', 'MOBILE'],
  ['dotted FR mobile, lower-case hint', '06.12.34.56.78', 'fr', '+33612345678', 'FR', 'MOBILE'],
  ['FR mobile with (0) trunk', '+33 (0)6 12 34 56 78', undefined, '+33612345678', 'FR', 'MOBILE'],
  ['FR landline', '+33 1 23 45 67 89', undefined, '+33123456789', 'FR', 'FIXED_LINE'],
  ['US number with hint', '(415) 555-2671', 'US', '+14155552671', 'US', 'FIXED_LINE_OR_MOBILE'],
  ['US 555-01xx', '+1 212-555-0142', undefined, '+12125550142', 'US', 'FIXED_LINE_OR_MOBILE'],
  ['US toll-free', '+1 800 555 0199', undefined, '+18005550199', 'US', 'TOLL_FREE'],
  ['CA number', '+1 416 555 0123', undefined, '+14165550123', 'CA', 'FIXED_LINE_OR_MOBILE'],
  ['00 prefix without hint', '00 44 7700 900123', undefined, '+447700900123', 'GB', 'MOBILE'],
  ['00 prefix with a hint whose IDD is 011', '0044 7700 900123', 'US', '+447700900123', 'GB', 'MOBILE'],
  ['AU IDD 0011 with AU hint', '0011 44 7700 900123', 'AU', '+447700900123', 'GB', 'MOBILE'],
  ['US IDD 011 with US hint', '011 44 20 7946 0018', 'US', '+442079460018', 'GB', 'FIXED_LINE'],
  ['UK drama mobile, national', '07700 900123', 'GB', '+447700900123', 'GB', 'MOBILE'],
  ['UK drama landline', '+44 20 7946 0018', undefined, '+442079460018', 'GB', 'FIXED_LINE'],
  ['AU fictional mobile', '+61 491 570 156', undefined, '+61491570156', 'AU', 'MOBILE'],
  ['DE mobile', '+49 1512 3456789', undefined, '+4915123456789', 'DE', 'MOBILE'],
  ['hint ignored for international input', '+33 6 12 34 56 78', 'US', '+33612345678', 'FR', 'MOBILE'],
  ['non-geographic freephone', '+800 1234 5678', undefined, '+80012345678', '001', 'TOLL_FREE'],
  ['full-width digits and plus', '＋３３ ６ １２ ３４ ５６ ７８', undefined, '+33612345678', 'FR', 'MOBILE'],
  [
    'control, bidi, zero-width and no-break characters',
    '\u0000\u202a+33\t6\u00a012\u200b34\r\n56\u2009 78\u202c\u0007',
    undefined,
    '+33612345678',
    'FR',
    'MOBILE',
  ],
];

const rejected: Array<[string, string, string | undefined, PhoneRejectionReason]> = [
  ['empty', '', undefined, 'EMPTY'],
  ['only invisible characters', ' \t\u200b\u00a0\r\n', 'FR', 'EMPTY'],
  ['letters', 'call me maybe', undefined, 'NOT_A_NUMBER'],
  ['digits with a letter', '+33 6 12 34 56 7a', undefined, 'NOT_A_NUMBER'],
  ['national number without hint', '06 12 34 56 78', undefined, 'INVALID_COUNTRY'],
  ['national number with unknown hint', '06 12 34 56 78', 'XX', 'INVALID_COUNTRY'],
  ['unassigned calling code', '+999 1234 5678', undefined, 'INVALID_COUNTRY'],
  ['too short', '+33 6 12', undefined, 'TOO_SHORT'],
  ['00 prefix, too short either way', '0033 6 12', 'AU', 'TOO_SHORT'],
  ['too long', '+33 6 12 34 56 78 90 12', undefined, 'TOO_LONG'],
  ['right length, unallocated range', '+44 7700 901000', undefined, 'INVALID'],
  ['NANP area code 555 does not exist', '+1 555 555 0100', undefined, 'INVALID'],
];

describe('normalizePhone', () => {
  it.each(accepted)('%s: %j', (_name, raw, hint, e164, country, type) => {
    expect(normalizePhone(raw, hint)).toEqual({ ok: true, e164, country, type });
  });

  it.each(rejected)('%s: %j -> %s', (_name, raw, hint, reason) => {
    expect(normalizePhone(raw, hint)).toEqual({ ok: false, reason });
  });
});
