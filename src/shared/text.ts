// Vietnamese names must be findable without diacritics: "nguyen hue" finds "Nguyễn Huệ".

/** Lower-cases and strips diacritics, including đ/Đ which Unicode does not decompose. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** True when every word of `query` occurs in `text`, ignoring case and diacritics. */
export function matchesSearch(text: string, query: string): boolean {
  const hay = foldText(text);
  return foldText(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word));
}

/**
 * Vietnamese alphabetical order for every list of names: "Cầu Thị Nghè" before "Công viên"
 * (a, ă, â … o, ô, ơ), "Đ" after "D", and "Camera 2" before "Camera 10". SQLite's ORDER BY
 * compares code points, which puts every accented letter after "z".
 */
const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A copy of `items` in Vietnamese alphabetical order of `name(item)`. */
export function sortByName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareNames(name(x), name(y)));
}
