import { analyze } from './analyze-text';
import { transliterate } from './transliterate';

describe('transliterate', () => {
  it.each([
    ['curly single quotes', 'It‘s Anna’s', "It's Anna's"],
    ['curly double quotes and guillemets', '“Hi” «Bonjour» „Hallo“', '"Hi" "Bonjour" "Hallo"'],
    ['dashes and minus', 'a‐b – c — d − 1', 'a-b - c - d - 1'],
    ['ellipsis', 'Wait…', 'Wait...'],
    ['no-break, thin and narrow spaces', 'a\u00a0b\u2009c\u202fd', 'a b c d'],
    ['zero-width characters', 'co\u200bde\u2060 \ufeffok\u00ad', 'code ok'],
    ['joiner between Latin letters', 'a\u200db\u200cc', 'abc'],
    ['bullets', '• one\n◦ two', '- one\n- two'],
    ['accented lowercase not in GSM', 'á í ó ú â ê î ô û ç ë ï õ ã ÿ', 'a i o u a e i o u c e i o a y'],
    ['accented capitals not in GSM', 'Á Í Ó Ú Â Ê Î Ô Û Ë Ï Õ Ã À È', 'A I O U A E I O U E I O A A E'],
    ['ligatures and undecomposable letters', 'œuvre Œil ﬁn Łódź', 'oeuvre OEil fin Lodz'],
    [
      'GSM letters kept',
      'é è à ù ì ò É Ä Ö Ñ Ü ä ö ñ ü ß Å å Æ æ Ø ø Ç',
      'é è à ù ì ò É Ä Ö Ñ Ü ä ö ñ ü ß Å å Æ æ Ø ø Ç',
    ],
    ['emoji kept', 'Merci 🙏🏽', 'Merci 🙏🏽'],
    ['emoji ZWJ sequence kept', 'Family 👨‍👩‍👧', 'Family 👨‍👩‍👧'],
    ['emoji ZWJ after skin tone and variation selector kept', '👩🏽‍💻 🏳️‍🌈', '👩🏽‍💻 🏳️‍🌈'],
    ['Arabic kept', 'مرحبا بك', 'مرحبا بك'],
    ['Cyrillic kept', 'Привет', 'Привет'],
    ['Persian ZWNJ kept', 'می\u200cخواهم', 'می\u200cخواهم'],
    ['Latin letters without an ASCII base kept', 'Azərbaycan', 'Azərbaycan'],
    ['degree sign kept (no GSM look-alike)', 'n°10023', 'n°10023'],
  ])('%s', (_name, input, expected) => {
    expect(transliterate(input)).toBe(expected);
  });

  it('turns a smart-quoted message into one GSM-7 segment', () => {
    const input = '“Smart quotes” — and …';
    expect(analyze(input)).toMatchObject({ encoding: 'UCS2', nonGsmChars: ['“', '”', '—', '…'] });
    const output = transliterate(input);
    expect(output).toBe('"Smart quotes" - and ...');
    expect(analyze(output)).toMatchObject({ encoding: 'GSM7', segments: 1 });
  });

  it('brings a 120-char Portuguese message from 2 UCS-2 segments to 1 GSM-7 segment', () => {
    const input = 'Olá João, a sua encomenda nº 10023 está a caminho. Obrigado pela confiança – até já! '.padEnd(
      120,
      '.',
    );
    expect(analyze(input)).toMatchObject({ encoding: 'UCS2', segments: 2 });
    expect(analyze(transliterate(input))).toMatchObject({ encoding: 'GSM7', segments: 1 });
  });

  it('leaves the French n° message in UCS-2: ° has no GSM-7 replacement in the rules', () => {
    const output = transliterate('Votre commande n°10023 est confirmée');
    expect(output).toBe('Votre commande n°10023 est confirmée');
    expect(analyze(output)).toMatchObject({ encoding: 'UCS2', segments: 1, nonGsmChars: ['°'] });
  });
});
