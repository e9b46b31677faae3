import { describe, expect, it, vi } from 'vitest';
import { chordOf, normaliseChord } from './keys';
import { ActionRegistry } from './registry';
import type { ActionSpec } from './types';

const key = (k: Partial<KeyboardEvent>): KeyboardEvent =>
  ({ key: '', code: '', ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, repeat: false, target: null, defaultPrevented: false, ...k }) as KeyboardEvent;

describe('key chords', () => {
  it('spells events the way actions declare them', () => {
    expect(chordOf(key({ key: 'k', code: 'KeyK', ctrlKey: true }))).toBe('Ctrl+K');
    expect(chordOf(key({ key: '!', code: 'Digit1', shiftKey: true }))).toBe('Shift+1');
    expect(chordOf(key({ key: '?', code: 'Slash', shiftKey: true }))).toBe('?');
    expect(chordOf(key({ key: 'ArrowLeft', code: 'ArrowLeft' }))).toBe('ArrowLeft');
    expect(normaliseChord('shift+a')).toBe('Shift+A');
    expect(normaliseChord('Ctrl++')).toBe('Ctrl++');
  });
});

describe('the actions registry', () => {
  it('runs the newest host’s action for a shared key, and the older one again once it is gone', () => {
    const r = new ActionRegistry();
    const wall = vi.fn();
    const ptz = vi.fn();
    r.add([{ name: 'wall.left', labelKey: 'x', group: 'wall', keys: ['ArrowLeft'], perform: wall }], {});
    const off = r.add([{ name: 'ptz.left', labelKey: 'x', group: 'ptz', keys: ['ArrowLeft'], perform: ptz }], {});
    r.keyDown(key({ key: 'ArrowLeft', code: 'ArrowLeft' }));
    expect(ptz).toHaveBeenCalledTimes(1);
    off();
    r.keyDown(key({ key: 'ArrowLeft', code: 'ArrowLeft' }));
    expect(wall).toHaveBeenCalledTimes(1);
  });

  it('refuses what the role does not allow and what is disabled, by key and by name', () => {
    const perform = vi.fn();
    const r = new ActionRegistry((s) => s.permission !== 'users.manage');
    r.add<{ on: boolean }>(
      [
        { name: 'a', labelKey: 'x', group: 'app', keys: ['A'], permission: 'users.manage', perform },
        { name: 'b', labelKey: 'x', group: 'app', keys: ['B'], enabled: (c) => c.on, perform },
      ],
      { on: false },
    );
    expect(r.run('a')).toBe(false);
    expect(r.keyDown(key({ key: 'b', code: 'KeyB' }))).toBe(false);
    expect(perform).not.toHaveBeenCalled();
    expect(r.list().map((a) => a.spec.name)).toEqual(['b']);
  });

  it('holds a press-and-hold action until key-up, and lets go of everything when its host goes away', () => {
    const r = new ActionRegistry();
    const started = vi.fn();
    const stopped = vi.fn();
    const spec: ActionSpec<object> = { name: 'ptz.up', labelKey: 'x', group: 'ptz', keys: ['ArrowUp'], perform: started, release: stopped };
    const off = r.add([spec], {});
    r.keyDown(key({ key: 'ArrowUp', code: 'ArrowUp' }));
    r.keyDown(key({ key: 'ArrowUp', code: 'ArrowUp', repeat: true })); // auto-repeat: still one move
    expect(started).toHaveBeenCalledTimes(1);
    r.keyUp(key({ key: 'ArrowUp', code: 'ArrowUp' }));
    expect(stopped).toHaveBeenCalledTimes(1);
    r.press('ptz.up', 'pointer-1');
    off();
    expect(stopped).toHaveBeenCalledTimes(2);
  });

  it('keeps plain keys for text fields unless the action says otherwise', () => {
    const r = new ActionRegistry();
    const del = vi.fn();
    const palette = vi.fn();
    r.add(
      [
        { name: 'clear', labelKey: 'x', group: 'wall', keys: ['Delete'], perform: del },
        { name: 'palette', labelKey: 'x', group: 'app', keys: ['Ctrl+K'], whileTyping: true, perform: palette },
      ],
      {},
    );
    const input = { tagName: 'INPUT', isContentEditable: false, closest: () => null } as unknown as EventTarget;
    r.keyDown(key({ key: 'Delete', code: 'Delete', target: input }));
    r.keyDown(key({ key: 'k', code: 'KeyK', ctrlKey: true, target: input }));
    expect(del).not.toHaveBeenCalled();
    expect(palette).toHaveBeenCalledTimes(1);
  });

  it('leaves a key to the widget that already used it (the tree’s arrows never move tiles)', () => {
    const r = new ActionRegistry();
    const move = vi.fn();
    r.add([{ name: 'wall.left', labelKey: 'x', group: 'wall', keys: ['ArrowLeft'], perform: move }], {});
    expect(r.keyDown(key({ key: 'ArrowLeft', code: 'ArrowLeft', defaultPrevented: true }))).toBe(false);
    expect(move).not.toHaveBeenCalled();
  });
});
