import { localeChain, pickByLocale } from './locale-chain';

describe('localeChain', () => {
  it.each([
    ['fr-CA', 'en', ['fr-CA', 'fr', 'en']],
    ['fr', 'en', ['fr', 'en']],
    ['en-IE', 'en', ['en-IE', 'en']],
    ['en', 'en', ['en']],
    ['zh-Hant-TW', 'en', ['zh-Hant-TW', 'zh-Hant', 'zh', 'en']],
    ['pt-BR', 'fr', ['pt-BR', 'pt', 'fr']],
    ['es-419', 'en', ['es-419', 'es', 'en']],
  ])('%s with default %s -> %j', (requested, fallback, expected) => {
    expect(localeChain(requested, fallback)).toEqual(expected);
  });
});

describe('pickByLocale', () => {
  const templates = new Map([
    ['fr', 'fr template'],
    ['en', 'en template'],
    ['fr-CA', 'fr-CA template'],
  ]);

  it.each([
    ['fr-CA', 'fr-CA', 'fr-CA template'],
    ['fr-BE', 'fr', 'fr template'],
    ['de-DE', 'en', 'en template'],
    ['en-IE', 'en', 'en template'],
  ])('%s picks %s', (requested, locale, value) => {
    expect(pickByLocale(localeChain(requested, 'en'), templates)).toEqual({ locale, value });
  });

  it('finds nothing when neither the locale nor the default has a template', () => {
    expect(pickByLocale(localeChain('de-DE', 'en'), new Map([['fr', 'x']]))).toBeUndefined();
    expect(pickByLocale(['en'], undefined)).toBeUndefined();
  });
});
