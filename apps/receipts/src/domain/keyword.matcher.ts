import { dataFileError, pathOf } from '@herald/data-files';
import type { KeywordClass, KeywordRules } from './keyword-rules';
import { KEYWORDS_FILE, KEYWORDS_KEY, KeywordClasses } from './keyword-rules';

export interface KeywordMatch {
  keywordClass: KeywordClass;
  /** The keyword after normalization, e.g. ARRET for "Arrêt.". */
  keyword: string;
  /** Locale of the reply: the keyword's own language, else the recipient's country's, else the default. */
  locale: string;
}

// Longest keyword in any carrier's list is well under this; longer texts are conversations.
const MAX_KEYWORD_LENGTH = 32;

/**
 * Case- and accent-insensitive, ignoring spaces and punctuation around and inside the word:
 * " stop ", "Stop.", "ARRÊT", "opt-out" match; "stopped" and "stop it" do not (the whole message
 * must be the keyword, as carriers do).
 */
export function normalizeKeyword(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export class KeywordMatcher {
  private readonly byWord = new Map<string, { keywordClass: KeywordClass; locale: string }>();

  constructor(private readonly rules: KeywordRules) {
    for (const keywordClass of KeywordClasses) {
      for (const [locale, words] of Object.entries(rules.classes[keywordClass])) {
        for (const word of words) this.add(normalizeKeyword(word), keywordClass, locale);
      }
    }
  }

  match(text: string, country: string): KeywordMatch | undefined {
    const keyword = normalizeKeyword(text);
    if (keyword.length === 0 || keyword.length > MAX_KEYWORD_LENGTH) return undefined;
    const hit = this.byWord.get(keyword);
    if (!hit) return undefined;
    const locale =
      hit.locale !== this.rules.defaultLocale ? hit.locale : (this.rules.localeByCountry[country] ?? hit.locale);
    return { keywordClass: hit.keywordClass, keyword, locale };
  }

  private add(word: string, keywordClass: KeywordClass, locale: string): void {
    const existing = this.byWord.get(word);
    if (existing && existing.keywordClass !== keywordClass) {
      throw dataFileError(KEYWORDS_KEY, KEYWORDS_FILE, [
        { path: pathOf(['classes', keywordClass, locale]), reason: `${word} is already ${existing.keywordClass}` },
      ]);
    }
    if (!existing) this.byWord.set(word, { keywordClass, locale });
  }
}
