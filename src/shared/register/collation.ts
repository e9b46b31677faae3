// Vietnamese order for lists sorted in SQL (100,000 cameras are paged by the database, so the order
// must be a column, not Intl.Collator in the browser). The key sorts like Intl.Collator('vi'):
// letters in the Vietnamese alphabet's order (a ă â b c d đ e ê … o ô ơ … u ư …), case and tone
// marks only break ties. Checked against Intl.Collator('vi') in collation.test.ts.

// The alphabet's letters in order; each gets one code unit from the private-use area so that plain
// binary comparison of keys (SQLite's default) follows it. Digits and anything else keep their place
// before the letters, like the collator.
const ALPHABET = [
  'a',
  'ă',
  'â',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'ê',
  'f',
  'g',
  'h',
  'i',
  'j',
  'k',
  'l',
  'm',
  'n',
  'o',
  'ô',
  'ơ',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'ư',
  'v',
  'w',
  'x',
  'y',
  'z',
];
const LETTER = new Map(ALPHABET.map((l, i) => [l, String.fromCharCode(0xe100 + i)]));
// Tones (secondary weight) in the order the collator gives them: none, grave, hook, tilde, acute, dot.
const TONES: Record<string, string> = { '\u0300': '1', '\u0309': '2', '\u0303': '3', '\u0301': '4', '\u0323': '5' };
// Marks that make a different letter (ă â ê ô ơ ư), recomposed before looking the letter up.
const LETTER_MARKS = /[\u0306\u0302\u031b]/;

/** A key whose binary order is the Vietnamese order of `text` (NFC or NFD alike). */
export function vietnameseSortKey(text: string): string {
  const primary: string[] = [];
  const tones: string[] = [];
  // Split into base letter + its marks; the letter-making marks are put back on the base.
  const decomposed = text.normalize('NFD').toLowerCase();
  for (let i = 0; i < decomposed.length; i++) {
    let ch = decomposed[i]!;
    let tone = '0';
    while (i + 1 < decomposed.length && /[\u0300-\u036f]/.test(decomposed[i + 1]!)) {
      const mark = decomposed[++i]!;
      if (LETTER_MARKS.test(mark)) ch = (ch + mark).normalize('NFC');
      else if (TONES[mark]) tone = TONES[mark];
    }
    const letter = LETTER.get(ch);
    if (letter) {
      primary.push(letter);
      tones.push(tone);
    } else if (/\s/.test(ch)) {
      primary.push(' ');
    } else {
      primary.push(ch);
    }
  }
  // Primary letters, then tones, then the original text (case) as the last tie-breaker.
  return `${primary.join('')}\u0001${tones.join('')}\u0001${text.normalize('NFC')}`;
}
