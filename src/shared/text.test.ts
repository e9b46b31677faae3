import { describe, expect, it } from 'vitest';
import { foldText, matchesSearch, sortByName } from './text';

describe('search without diacritics', () => {
  it('finds Vietnamese names typed without accents', () => {
    expect(matchesSearch('Ngã tư Nguyễn Huệ – Lê Lợi', 'nguyen hue')).toBe(true);
    expect(matchesSearch('Đường Điện Biên Phủ', 'dien bien')).toBe(true);
    expect(foldText('Đồng Khởi')).toBe('dong khoi');
  });
  it('needs every word', () => {
    expect(matchesSearch('Chợ Bến Thành', 'ben thanh market')).toBe(false);
  });
});

describe('Vietnamese alphabetical order', () => {
  it('puts â before ô, Đ after D, and numbers in numeric order', () => {
    const names = ['Công viên 23/9', 'Cầu Thị Nghè', 'Đồng Khởi', 'Dinh Độc Lập', 'Camera 10', 'Camera 2', 'Ơn', 'Ông'];
    expect(sortByName(names, (n) => n)).toEqual(['Camera 2', 'Camera 10', 'Cầu Thị Nghè', 'Công viên 23/9', 'Dinh Độc Lập', 'Đồng Khởi', 'Ông', 'Ơn']);
  });
});
