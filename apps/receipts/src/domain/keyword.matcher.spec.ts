import { HeraldError } from '@herald/contracts';
import rulesFile from '../../rules/keywords.v1.json';
import { parseKeywordRules, type KeywordRules } from './keyword-rules';
import { KeywordMatcher, normalizeKeyword } from './keyword.matcher';

const rules = parseKeywordRules(rulesFile);
const matcher = new KeywordMatcher(rules);

describe('keyword matching', () => {
  it.each([
    ['STOP', 'opt_out', 'STOP'],
    [' stop ', 'opt_out', 'STOP'],
    ['Stop.', 'opt_out', 'STOP'],
    ['stop!!', 'opt_out', 'STOP'],
    ['STOPALL', 'opt_out_all', 'STOPALL'],
    ['stop all', 'opt_out_all', 'STOPALL'],
    ['Unsubscribe all', 'opt_out_all', 'UNSUBSCRIBEALL'],
    ['Arrêt tout', 'opt_out_all', 'ARRETTOUT'],
    ['baja todo', 'opt_out_all', 'BAJATODO'],
    ['Stopp alle', 'opt_out_all', 'STOPPALLE'],
    ['ferma tutto', 'opt_out_all', 'FERMATUTTO'],
    ['ARRÊT', 'opt_out', 'ARRET'],
    ['arret', 'opt_out', 'ARRET'],
    ['Arrêt\n', 'opt_out', 'ARRET'],
    ['opt-out', 'opt_out', 'OPTOUT'],
    ['Unsubscribe', 'opt_out', 'UNSUBSCRIBE'],
    ['baja', 'opt_out', 'BAJA'],
    ['Abmelden', 'opt_out', 'ABMELDEN'],
    ['start', 'opt_in', 'START'],
    ['Yes', 'opt_in', 'YES'],
    ['unstop', 'opt_in', 'UNSTOP'],
    ['help', 'help', 'HELP'],
    ['Aide', 'help', 'AIDE'],
    ['AYUDA', 'help', 'AYUDA'],
    ['hilfe?', 'help', 'HILFE'],
  ])('%j -> %s %s', (text, keywordClass, keyword) => {
    expect(matcher.match(text, 'US')).toMatchObject({ keywordClass, keyword });
  });

  it.each(['stopped', 'stop it please', 'STOPP it', 'non-stop', '', '   ', 'thanks!', 'x'.repeat(2000)])(
    'does not match %j',
    (text) => {
      expect(matcher.match(text, 'US')).toBeUndefined();
    },
  );

  it('replies in the language of the keyword, else of the country, else the default', () => {
    expect(matcher.match('ARRÊT', 'CA')?.locale).toBe('fr');
    expect(matcher.match('STOP', 'FR')?.locale).toBe('fr');
    expect(matcher.match('STOP', 'US')?.locale).toBe('en');
    expect(matcher.match('BAJA', 'US')?.locale).toBe('es');
  });

  it('folds case and accents the same way for rules and texts', () => {
    expect(normalizeKeyword('Désabonner')).toBe('DESABONNER');
    expect(normalizeKeyword(' ａｒｒｅｔ ')).toBe('ARRET');
  });

  it('answers STOPALL and its translations in their own language', () => {
    expect(matcher.match('ARRÊT TOUT', 'US')?.locale).toBe('fr');
    expect(matcher.match('STOPALL', 'FR')?.locale).toBe('fr');
  });

  it('refuses a word listed in two classes', () => {
    const bad: KeywordRules = { ...rules, classes: { ...rules.classes, help: { en: ['STOP'] } } };
    expect(() => new KeywordMatcher(bad)).toThrow(HeraldError);
  });

  it.each<[string, unknown]>([
    ['version', { ...rules, version: 2 }],
    ['defaultLocale', { ...rules, defaultLocale: 'english' }],
    ['classes', { ...rules, classes: { ...rules.classes, opt_in: ['START'] } }],
    ['empty keyword', { ...rules, classes: { ...rules.classes, opt_in: { en: [' '] } } }],
    ['localeByCountry', { ...rules, localeByCountry: { france: 'fr' } }],
    ['brandsByShortCode (now the brands file)', { ...rules, brandsByShortCode: { '36111': 'shop' } }],
  ])('rejects a rules file with a bad %s', (_what, raw) => {
    expect(() => parseKeywordRules(raw)).toThrow(/keywords.v1.json/);
  });
});
