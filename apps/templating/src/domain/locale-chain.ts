/**
 * The locales to try, most specific first, ending with the default: fr-CA -> fr -> en,
 * zh-Hant-TW -> zh-Hant -> zh -> en. Each subtag is dropped from the right, as BCP 47 lookup does.
 */
export function localeChain(requested: string, defaultLocale: string): string[] {
  const chain: string[] = [];
  const parts = requested.split('-');
  for (let n = parts.length; n > 0; n--) chain.push(parts.slice(0, n).join('-'));
  if (!chain.includes(defaultLocale)) chain.push(defaultLocale);
  return chain;
}

/** The first locale of the chain that has a template, with that template. */
export function pickByLocale<T>(
  chain: readonly string[],
  byLocale: ReadonlyMap<string, T> | undefined,
): { locale: string; value: T } | undefined {
  if (!byLocale) return undefined;
  for (const locale of chain) {
    const value = byLocale.get(locale);
    if (value !== undefined) return { locale, value };
  }
  return undefined;
}
