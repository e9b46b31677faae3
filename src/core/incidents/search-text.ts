// What the incident search index holds and how a list query becomes one FTS5 expression.
//
// `body` is the folded text (foldText: lower case, no diacritics, đ → d), so "nguyen hue" finds
// "Nguyễn Huệ". `facets` holds one token per filter value; a filtered search is then a single FTS5
// query, walked in rowid (= newest first) order and stopped at LIMIT (see migration 010).
// User input never reaches FTS5 syntax: it is cut into words of letters and digits, each one quoted,
// so quotes, `*`, `:`, `NEAR`, `AND`/`OR`/`NOT` and brackets are only ever text.
import type { IncidentQuery, IncidentStatus, Severity } from '../../shared/contract';
import { foldText } from '../../shared/text';

/** An id as one FTS token: letters and digits only (a uuid's dashes would split it in five). */
const tokenOf = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, '');

export const facet = {
  status: (s: IncidentStatus) => `zs${tokenOf(s)}`,
  category: (id: string) => `zk${tokenOf(id)}`,
  severity: (s: Severity) => `zv${tokenOf(s)}`,
  area: (id: string | null) => (id ? `za${tokenOf(id)}` : 'zanone'),
  camera: (id: string) => `zc${tokenOf(id)}`,
  assignee: (id: string | null) => (id ? `zu${tokenOf(id)}` : 'zunone'),
};

export interface IndexedFields {
  number: string;
  title: string;
  description: string;
  people: string;
  vehicles: readonly string[];
  units: readonly string[];
  status: IncidentStatus;
  categoryId: string;
  severity: Severity;
  areaId: string | null;
  cameraIds: readonly string[];
  assigneeId: string | null;
  /** Names people search by: the area, the point, the cameras (as they were when logged). */
  placeNames: readonly string[];
}

/** Plates are found as typed (51F-123.45) and without punctuation (51F12345). */
function plateForms(plate: string): string {
  const bare = plate.replace(/[^\p{L}\p{N}]/gu, '');
  return bare === plate ? plate : `${plate} ${bare}`;
}

export function bodyText(f: IndexedFields): string {
  return foldText([f.number, f.title, f.description, f.people, ...f.vehicles.map(plateForms), ...f.units, ...f.placeNames].join('\n'));
}

export function facetText(f: IndexedFields): string {
  return [
    facet.status(f.status),
    facet.category(f.categoryId),
    facet.severity(f.severity),
    facet.area(f.areaId),
    facet.assignee(f.assigneeId),
    ...f.cameraIds.map(facet.camera),
  ].join(' ');
}

const MAX_WORDS = 12;

/**
 * Whether the last word is matched as a prefix (the officer may still be typing it): when the
 * prefix indexes serve it (2–4 characters, migration 010), or when it holds a digit (part of a
 * plate or a number: rare terms, cheap to merge). A longer plain word — a whole Vietnamese syllable
 * in practice — is matched exactly: a prefix query without an index merges every doclist it
 * names before the first row, which for a common word costs a tenth of a second or more.
 */
function asPrefix(w: string): boolean {
  return (w.length >= 2 && w.length <= 4) || (w.length > 4 && /\d/.test(w));
}

/** The words of a search as FTS5 terms: each quoted; the last one may also match as a prefix. */
export function textTerms(text: string): string[] {
  const words = (foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
  return words.map((w, i) => (i === words.length - 1 && asPrefix(w) ? `"${w}"*` : `"${w}"`));
}

const anyOf = (tokens: string[]) => `facets : (${tokens.join(' OR ')})`;

/**
 * The FTS5 expression for a query, or null when nothing narrows it (then the list walks the
 * incidents table by rowid). `areas`: the areas the caller may see under the chosen one (null: no
 * area limit); an empty list can match nothing.
 */
export function matchExpression(
  q: Pick<IncidentQuery, 'text' | 'categoryIds' | 'statuses' | 'severities' | 'cameraId' | 'assigneeId'>,
  areas: readonly string[] | null,
): string | null {
  const parts: string[] = [];
  const terms = textTerms(q.text ?? '');
  if (terms.length) parts.push(`body : (${terms.join(' ')})`);
  if (q.statuses?.length) parts.push(anyOf(q.statuses.map(facet.status)));
  if (q.categoryIds?.length) parts.push(anyOf(q.categoryIds.map(facet.category)));
  if (q.severities?.length) parts.push(anyOf(q.severities.map(facet.severity)));
  if (q.cameraId) parts.push(anyOf([facet.camera(q.cameraId)]));
  if (q.assigneeId) parts.push(anyOf([facet.assignee(q.assigneeId === 'none' ? null : q.assigneeId)]));
  if (areas) parts.push(anyOf(areas.length ? areas.map(facet.area) : ['zanomatch']));
  return parts.length ? parts.join(' AND ') : null;
}

/** An incident's rowid: when it happened (ms) × 1000 + a tiebreak, so rowid order is time order. */
export const RID_SPAN = 1000;
export const ridFloor = (occurredAt: number) => occurredAt * RID_SPAN;
export const ridCeil = (occurredAt: number) => occurredAt * RID_SPAN + RID_SPAN - 1;
