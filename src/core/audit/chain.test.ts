import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainHash, entryText, GENESIS_HASH, parseEntry, textHasSeq } from './chain';
import { prepareEntry } from './entry-input';
import type { AuditEntryInput } from './types';
import { splitRanges } from './verify-chain';

const input: AuditEntryInput = {
  actor: { userId: 'u-1', username: 'trực ban' },
  action: 'live.view',
  outcome: 'ok',
  target: { kind: 'camera', id: 'cam-7', name: 'Ngã tư Nguyễn Huệ – Lê Lợi "A"' },
  details: { to: 1_700_000_060_000, from: 1_700_000_000_000, stream: 'main', zoomed: false, note: null },
  source: 'serve 127.0.0.1',
  at: 1_700_000_060_000,
};

describe('the chain', () => {
  it('writes an entry as one stable JSON array, details sorted, and reads it back unchanged', () => {
    const e = prepareEntry(input, 0);
    const text = entryText(42, e);
    expect(text).toBe(
      '[42,1700000060000,"u-1","trực ban","live.view","ok","camera","cam-7","Ngã tư Nguyễn Huệ – Lê Lợi \\"A\\"",{"from":1700000000000,"note":null,"stream":"main","to":1700000060000,"zoomed":false},"serve 127.0.0.1"]',
    );
    // The same entry given with its details in another order hashes the same.
    const reordered = prepareEntry({ ...input, details: { note: null, zoomed: false, stream: 'main', to: 1_700_000_060_000, from: 1_700_000_000_000 } }, 0);
    expect(entryText(42, reordered)).toBe(text);
    const h = chainHash(GENESIS_HASH, text);
    expect(parseEntry(text, GENESIS_HASH, h)).toEqual({ ...e, seq: 42, prevHash: GENESIS_HASH, hash: h });
    expect(textHasSeq(text, 42)).toBe(true);
    expect(textHasSeq(text, 4)).toBe(false);
  });

  it('hashes the previous hash followed by the entry text, as sha256sum would', () => {
    const text = entryText(1, prepareEntry(input, 0));
    const expected = createHash('sha256').update(Buffer.from(GENESIS_HASH + text, 'utf8')).digest('hex');
    expect(chainHash(GENESIS_HASH, text)).toBe(expected);
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('keeps an entry without target or details as nulls and an empty object', () => {
    const e = prepareEntry({ actor: { userId: null, username: null }, action: 'auth.sign_in_failed', outcome: 'failed', at: 5 }, 0);
    expect(entryText(1, e)).toBe('[1,5,null,null,"auth.sign_in_failed","failed",null,null,null,{},null]');
    expect(parseEntry(entryText(1, e), GENESIS_HASH, 'x').target).toBeNull();
  });

  it('replaces lone surrogates, which SQLite could not store as they are', () => {
    const e = prepareEntry({ ...input, target: { kind: 'camera', id: 'c', name: 'bad \uD800 half' } }, 0);
    expect(e.target?.name).toBe('bad \uFFFD half');
  });

  it('refuses entries that cannot be stored faithfully, naming the field', () => {
    const refused = (patch: Partial<AuditEntryInput> | Record<string, unknown>) => {
      try {
        prepareEntry({ ...input, ...patch } as AuditEntryInput, 0);
      } catch (err) {
        return (err as { code: string; params: { field: string } }).params.field;
      }
      return null;
    };
    expect(refused({ action: 'Live view' })).toBe('audit.action');
    expect(refused({ outcome: 'maybe' })).toBe('audit.outcome');
    expect(refused({ details: { ratio: Number.NaN } })).toBe('audit.details.ratio');
    expect(refused({ details: { '12': 'x' } })).toBe('audit.details.12');
    expect(refused({ details: { nested: { a: 1 } } })).toBe('audit.details.nested');
    expect(refused({ at: 1.5 })).toBe('audit.at');
    expect(refused({ source: 'x'.repeat(500) })).toBe('audit.source');
    expect(refused({})).toBeNull();
  });
});

describe('splitting the chain between threads', () => {
  it('covers 1..last exactly, in stretches of at least the minimum', () => {
    expect(splitRanges(0, 4)).toEqual([{ from: 1, to: 0 }]);
    expect(splitRanges(10, 4)).toEqual([{ from: 1, to: 10 }]);
    expect(splitRanges(250_000, 4)).toEqual([
      { from: 1, to: 125_000 },
      { from: 125_001, to: 250_000 },
    ]);
    const r = splitRanges(1_000_001, 3);
    expect(r).toHaveLength(3);
    expect(r[0]!.from).toBe(1);
    expect(r.at(-1)!.to).toBe(1_000_001);
    for (let i = 1; i < r.length; i++) expect(r[i]!.from).toBe(r[i - 1]!.to + 1);
  });
});
