import { describe, expect, it } from 'vitest';
import { vietnameseSortKey } from './collation';
import { foldForIndex, ftsQuery } from './fold';
import { coordinateProblem } from './geo';

const NAMES = [
  'Phường Đa Kao',
  'Phường Bến Thành',
  'Phường Bình Thạnh',
  'Phường Ba Đình',
  'ấp Ấn',
  'An Lạc',
  'Ăn Uống',
  'Âu Cơ',
  'Ô Chợ Dừa',
  'Ơ',
  'Ông Lãnh',
  'Ư',
  'Uyên',
  'Đống Đa',
  'Dương Đông',
  'Zê',
  'Hà Nội',
  'Hạ Long',
  'Hả',
  'Hã',
  'Há',
  'Hà',
  'Ha',
  '12 Lê Lợi',
  'Cầu Giấy',
  'Cần Thơ',
];

describe('Vietnamese order', () => {
  it('sorts by key as Intl.Collator("vi") does', () => {
    const collator = new Intl.Collator('vi');
    const byCollator = [...NAMES].sort(collator.compare);
    const byKey = [...NAMES].sort((a, b) => (vietnameseSortKey(a) < vietnameseSortKey(b) ? -1 : vietnameseSortKey(a) > vietnameseSortKey(b) ? 1 : 0));
    expect(byKey).toEqual(byCollator);
  });

  it('gives NFC and NFD spellings the same place', () => {
    const nfc = 'Nguyễn Huệ'.normalize('NFC');
    const nfd = 'Nguyễn Huệ'.normalize('NFD');
    expect(nfc).not.toBe(nfd);
    expect(vietnameseSortKey(nfd)).toBe(vietnameseSortKey(nfc));
  });
});

describe('folded search words', () => {
  it('fold diacritics, đ and NFD alike', () => {
    expect(foldForIndex('Đường Nguyễn Huệ'.normalize('NFD'))).toBe('duong nguyen hue');
    expect(ftsQuery('nguyen HUỆ')).toBe('"nguyen"* "hue"*');
    expect(ftsQuery('"; DROP')).toBe('"drop"*');
    expect(ftsQuery(' —— ')).toBeNull();
  });
});

describe('coordinates', () => {
  it('accepts Vietnam, names swapped and outside ones', () => {
    expect(coordinateProblem(10.7725, 106.698)).toBeNull();
    expect(coordinateProblem(106.698, 10.7725)).toBe('lat_lon_swapped');
    expect(coordinateProblem(48.85, 2.35)).toBe('outside_vietnam');
    expect(coordinateProblem(95, 10)).toBe('coordinate_range');
    expect(coordinateProblem(10.7, null)).toBe('coordinate_half');
    expect(coordinateProblem(null, null)).toBeNull();
  });
});
