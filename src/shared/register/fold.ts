// The folded form the register indexes and searches: NFC first (a decomposed "Huệ" and a
// precomposed one fold the same), lower case, đ → d, every mark removed, words split on anything
// that is not a letter or digit.
import { foldText } from '../text';

export function searchWords(text: string): string[] {
  return foldText(text.normalize('NFC'))
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** One line of folded words for the full-text index. */
export function foldForIndex(...parts: Array<string | null | undefined>): string {
  return searchWords(parts.filter(Boolean).join(' ')).join(' ');
}

/** An FTS5 query: every word as a prefix, all required ("nguyen hu" finds "Nguyễn Huệ"). */
export function ftsQuery(query: string): string | null {
  const words = searchWords(query).slice(0, 12);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}
