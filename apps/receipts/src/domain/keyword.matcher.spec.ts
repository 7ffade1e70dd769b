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
    ['STOPALL', 'opt_out', 'STOPALL'],
    ['stop all', 'opt_out', 'STOPALL'],
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

  it.each(['stopped', 'stop it please', 'STOPP it', 'non-stop', '', '   ', 'thanks!', 'x'.repeat(2000)])('does not match %j', (text) => {
    expect(matcher.match(text, 'US')).toBeUndefined();
  });

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

  it('picks the brand of the short code, else the fallback', () => {
    const m = new KeywordMatcher({ ...rules, brandsByShortCode: { '36111': 'shop-fr' } });
    expect(m.brandFor('36111', 'herald')).toBe('shop-fr');
    expect(m.brandFor('+33700000000', 'herald')).toBe('herald');
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
    ['brandsByShortCode', { ...rules, brandsByShortCode: { '1': '' } }],
  ])('rejects a rules file with a bad %s', (_what, raw) => {
    expect(() => parseKeywordRules(raw)).toThrow(/keywords.v1.json/);
  });
});
