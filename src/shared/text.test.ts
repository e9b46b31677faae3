import { describe, expect, it } from 'vitest';
import { foldText, matchesSearch } from './text';

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
