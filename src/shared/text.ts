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
