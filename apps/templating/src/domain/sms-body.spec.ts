import { HeraldError } from '@herald/contracts';
import { assertWithinSegments, encodeBody } from './sms-body';

describe('encodeBody', () => {
  it.each([
    ['plain GSM-7 stays as is', 'Votre code est 123456.', true, 'Votre code est 123456.', 'GSM7', false],
    [
      'fr-FR euros: the no-break space becomes a plain space',
      'Total : 49,90\u00a0€',
      true,
      'Total : 49,90 €',
      'GSM7',
      true,
    ],
    ['the narrow no-break space too', '1\u202f234,50\u00a0€', true, '1 234,50 €', 'GSM7', true],
    ['curly quotes fold to GSM-7', 'l’heure “exacte”', true, 'l\'heure "exacte"', 'GSM7', true],
    ['without the flag, UCS-2 is kept', 'Total : 49,90\u00a0€', false, 'Total : 49,90\u00a0€', 'UCS2', false],
    ['emoji need UCS-2 anyway: the original text is kept', 'Merci’ 🎉', true, 'Merci’ 🎉', 'UCS2', false],
    ['Arabic stays UCS-2', 'رمز التحقق 1234', true, 'رمز التحقق 1234', 'UCS2', false],
    ['surrounding whitespace is trimmed', '  Hi\n', true, 'Hi', 'GSM7', false],
  ])('%s', (_label, input, transliterate, text, encoding, transliterated) => {
    const body = encodeBody(input, { transliterate });
    expect(body.text).toBe(text);
    expect(body.analysis.encoding).toBe(encoding);
    expect(body.transliterated).toBe(transliterated);
  });

  it('reports nonGsmChars of the kept text', () => {
    expect(encodeBody('Prix 49,90\u00a0€ 🎉', { transliterate: true }).analysis.nonGsmChars).toEqual(['\u00a0', '🎉']);
  });

  it('refuses an empty body', () => {
    expect(() => encodeBody(' \n ', { transliterate: true })).toThrow('the rendered body is empty');
  });
});

describe('assertWithinSegments', () => {
  it.each([
    ['a'.repeat(160), 1, true],
    ['a'.repeat(161), 1, false],
    ['a'.repeat(306), 2, true],
    ['a'.repeat(307), 2, false],
    ['é'.repeat(160), 1, true],
    ['ê'.repeat(70), 1, true],
    ['ê'.repeat(71), 1, false],
  ])('%#: %s within %d segment(s): %s', (text, max, ok) => {
    const run = () => assertWithinSegments(encodeBody(text, { transliterate: false }), max, 'order.placed/fr v1');
    if (ok) expect(run).not.toThrow();
    else {
      expect(run).toThrow(HeraldError);
      expect(run).toThrow(/order.placed\/fr v1 renders \d segments/);
    }
  });

  it('carries the TOO_MANY_SEGMENTS code', () => {
    try {
      assertWithinSegments(encodeBody('a'.repeat(200), { transliterate: false }), 1, 'x');
    } catch (e) {
      expect((e as HeraldError).code).toBe('TOO_MANY_SEGMENTS');
      expect((e as HeraldError).details).toEqual({ segments: 2, maxSegments: 1, encoding: 'GSM7' });
    }
    expect.assertions(2);
  });
});
