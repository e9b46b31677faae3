import { describe, expect, it } from 'vitest';
import type { View } from '../../shared/contract';
import { preset } from '../../shared/layouts';
import { mergeSaved } from './use-views';

const view = (id: string, updatedAt: number, name = id): View => ({ id, name, shared: true, editable: true, layout: preset('2x2'), tiles: [], shortcut: null, updatedAt });

describe('a view this window saved', () => {
  it('wins over a list that was asked for before the save', () => {
    const saved = new Map([['a', { view: view('a', 200, 'new'), epoch: 1 }]]);
    const out = mergeSaved([view('a', 100, 'old'), view('b', 100)], saved, 0);
    expect(out.find((v) => v.id === 'a')?.name).toBe('new');
    expect(out).toHaveLength(2);
  });

  it('is kept when the stale list does not have it yet (a new view)', () => {
    const saved = new Map([['c', { view: view('c', 200), epoch: 1 }]]);
    expect(mergeSaved([view('a', 100)], saved, 0).map((v) => v.id)).toEqual(['a', 'c']);
  });

  it('gives way to a list asked for after the save, which is the truth (someone else changed or deleted it)', () => {
    const saved = new Map([['a', { view: view('a', 200, 'mine'), epoch: 1 }]]);
    expect(mergeSaved([view('a', 300, 'theirs')], saved, 1)[0]?.name).toBe('theirs');
    expect(saved.size).toBe(0);
    const gone = new Map([['a', { view: view('a', 200), epoch: 1 }]]);
    expect(mergeSaved([], gone, 1)).toEqual([]);
  });
});
