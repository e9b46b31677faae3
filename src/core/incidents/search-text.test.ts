import { describe, expect, it } from 'vitest';
import { bodyText, facet, matchExpression, textTerms } from './search-text';

describe('the search index and its queries', () => {
  it('holds the folded text: no diacritics, đ as d, plates with and without punctuation', () => {
    const body = bodyText({
      number: '2026-000123',
      title: 'Đánh nhau ở Nguyễn Huệ',
      description: '',
      people: '',
      vehicles: ['51F-123.45'],
      units: ['Công an phường'],
      status: 'new',
      categoryId: 'publicorder',
      severity: 'high',
      areaId: null,
      cameraIds: [],
      assigneeId: null,
      placeNames: ['Ngã tư'],
    });
    expect(body).toContain('danh nhau o nguyen hue');
    expect(body).toContain('51f-123.45 51f12345');
    expect(body).toContain('cong an phuong');
  });

  it('quotes every word, so FTS5 syntax typed by a user is only text', () => {
    expect(textTerms('Nguyễn "Huệ" OR NEAR(x) * :col')).toEqual(['"nguyen"', '"hue"', '"or"', '"near"', '"x"', '"col"*']);
    expect(textTerms('"*()^:')).toEqual([]);
    expect(textTerms('a')).toEqual(['"a"']);
    // A whole word is matched as it is; a part of a plate still as a prefix.
    expect(textTerms('duong')).toEqual(['"duong"']);
    expect(textTerms('nguy')).toEqual(['"nguy"*']);
    expect(textTerms('51f123')).toEqual(['"51f123"*']);
  });

  it('turns filters into facet tokens, one OR group per filter', () => {
    const m = matchExpression({ text: 'xe', statuses: ['new', 'in_progress'], cameraId: '6F1C-AB', assigneeId: 'none' }, ['a-1', 'a-2']);
    expect(m).toBe('body : ("xe"*) AND facets : (zsnew OR zsinprogress) AND facets : (zc6f1cab) AND facets : (zunone) AND facets : (zaa1 OR zaa2)');
    expect(matchExpression({ text: '' }, null)).toBeNull();
    expect(matchExpression({ text: '' }, [])).toBe('facets : (zanomatch)');
    expect(facet.area(null)).toBe('zanone');
  });
});
