// How a key chord reads in the palette and the key help: arrows as arrows, names translated.
const SYMBOLS: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc', Delete: 'Delete', Enter: 'Enter', Space: 'Space' };

export function keyLabel(chord: string): string {
  return chord
    .split(/\+(?!$)/)
    .map((part) => SYMBOLS[part] ?? part)
    .join('+');
}
