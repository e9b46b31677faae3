// Key chords: `Ctrl+Shift+K` ↔ KeyboardEvent. Digits are matched by their physical key (Digit1),
// because Shift+1 types "!" on a US layout and other characters elsewhere.

const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;

/** The chord a key event spells, in the form the actions declare. */
export function chordOf(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>): string {
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(e.code);
  let key = digit ? digit[1]! : e.key.length === 1 ? e.key.toUpperCase() : e.key;
  if (key === ' ') key = 'Space';
  // "?" and "+" are typed with Shift on most layouts: the chord is the character itself.
  const shiftIsPartOfKey = !digit && e.key.length === 1 && !/[a-z0-9]/i.test(e.key);
  const mods = [e.ctrlKey && 'Ctrl', e.altKey && 'Alt', e.shiftKey && !shiftIsPartOfKey && 'Shift', e.metaKey && 'Meta'].filter(Boolean);
  return [...mods, key].join('+');
}

/** Normalises a declared chord (`shift+a` → `Shift+A`) so declarations and events compare equal. */
export function normaliseChord(chord: string): string {
  const parts = chord.split('+');
  // `Ctrl++` is Ctrl and the plus key; `+` alone is the plus key (PTZ zoom in).
  const key = chord === '+' || chord.endsWith('++') ? '+' : parts.pop()!;
  const mods = MODIFIERS.filter((m) => parts.some((p) => p.toLowerCase() === m.toLowerCase()));
  return [...mods, key.length === 1 ? key.toUpperCase() : key].join('+');
}

/** True when the focus is where the user types: plain keys belong to the field, not to commands. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.isContentEditable || !!el.closest('dialog');
}

/** Enter and Space on a focused button, link or list option activate that control, not a command. */
export function controlOwnsKey(target: EventTarget | null, chord: string): boolean {
  if (chord !== 'Enter' && chord !== 'Space') return false;
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return el.tagName === 'BUTTON' || el.tagName === 'A' || el.tagName === 'SUMMARY' || !!el.closest('[role="option"],[role="menuitem"],[role="treeitem"]');
}
