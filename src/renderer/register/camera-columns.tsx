// The camera table's columns: which exist, how each shows a row, and the user's choice and order
// (kept in this browser, like the language switch).
import type { CameraDevice, Category, CameraRow } from '../../shared/contract';
import { ClockSkewNote, showsClockSkew } from '../devices/ClockSkewBadge';
import { HealthDot } from '../health/HealthDot';
import type { Column } from './VirtualTable';
import { categoryName } from './use-register-data';

type T = (key: string, params?: Record<string, unknown>) => string;

export const ALL_COLUMNS = [
  'name',
  'point',
  'area',
  'status',
  'ownership',
  'transmission',
  'isp',
  'make',
  'model',
  'serial',
  'ptz',
  'category',
  'purposes',
  'installDate',
  'warrantyEnd',
  'lastSeen',
] as const;
export type ColumnKey = (typeof ALL_COLUMNS)[number];
export const DEFAULT_COLUMNS: ColumnKey[] = ['name', 'point', 'area', 'status', 'ownership', 'transmission', 'installDate'];

const WIDTH: Record<ColumnKey, string> = {
  name: 'minmax(14rem, 2fr)',
  point: 'minmax(12rem, 1.6fr)',
  area: 'minmax(10rem, 1.2fr)',
  status: '9.5rem',
  ownership: '10rem',
  transmission: '10rem',
  isp: '6rem',
  make: '8rem',
  model: '9rem',
  serial: '9rem',
  ptz: '4rem',
  category: '9rem',
  purposes: 'minmax(10rem, 1fr)',
  installDate: '7.5rem',
  warrantyEnd: '7.5rem',
  lastSeen: '10rem',
};

/** Columns whose cells say a word from a fixed list (VirtualTable's `words`); the rest are free text. */
const WORDS = new Set<ColumnKey>(['status', 'ownership', 'transmission', 'isp', 'ptz', 'installDate', 'warrantyEnd', 'lastSeen']);
/**
 * Free-text columns shortened to fit by the table (VirtualTable's `fit`). Not the serial: it is
 * drawn in the monospaced font, which the table does not measure.
 */
const FITTED = new Set<ColumnKey>(['name', 'point', 'area', 'make', 'model', 'category', 'purposes']);
/** CSS px beside the name taken by its health dot: 12 px at most (the triangle) and its 6 px margin. */
const DOT_ROOM = 18;

const STORE = 'wf.register.columns';

export function loadColumns(): ColumnKey[] {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE) ?? 'null') as unknown;
    if (Array.isArray(saved)) {
      const ok = saved.filter((k): k is ColumnKey => (ALL_COLUMNS as readonly string[]).includes(k));
      if (ok.length) return ok;
    }
  } catch {
    // a broken saved choice is the default
  }
  return DEFAULT_COLUMNS;
}

export function saveColumns(cols: ColumnKey[]): void {
  localStorage.setItem(STORE, JSON.stringify(cols));
}

/**
 * The same words for the same key, looked up once: a page of rows asks for "Active", "Owned by
 * the ward" … forty times each, and an i18next lookup is the dearest part of a row's render.
 * Made anew with the columns, so a language change gets new words.
 */
function remembered(t: T): T {
  const said = new Map<string, string>();
  return (key, params) => {
    if (params) return t(key, params);
    let text = said.get(key);
    if (text === undefined) said.set(key, (text = t(key)));
    return text;
  };
}

/** dd/mm/yyyy, as Vietnamese documents write dates; ISO days stay days (no time zone shift). */
export const showDay = (day: string | null, lang: string) => (day ? (lang === 'vi' ? day.split('-').reverse().join('/') : day) : '');

export function cameraColumns(
  keys: readonly ColumnKey[],
  t: T,
  lang: string,
  categories: readonly Category[],
  timeZone: string,
  devices: ReadonlyMap<string, CameraDevice>,
): Column<CameraRow>[] {
  t = remembered(t);
  const render: Record<ColumnKey, (r: CameraRow, fit: (text: string) => React.ReactNode) => React.ReactNode> = {
    // Straight into the cell, no wrapper: one element fewer for every row coming into view.
    name: (r, fit) => (
      <>
        {/* What the core knows of the camera now (live relays, probes); the Status column is the register's word. */}
        <HealthDot camera={r} />
        {fit(r.name)}
        {r.disabled ? <span className="tag">{t('register.table.disabled')}</span> : null}
        <ClockSkewNote device={devices.get(r.id)} className="tag" />
      </>
    ),
    point: (r, fit) => fit(r.pointName),
    area: (r, fit) => fit(r.areaName),
    // The cell itself is the badge (cellClass below).
    status: (r) => t(`camera.status.${r.status}`),
    ownership: (r) => t(`register.enums.ownership.${r.ownership}`),
    transmission: (r) => t(`register.enums.transmission.${r.transmission}`),
    isp: (r) => (r.isp ? t(`register.enums.isp.${r.isp}`) : ''),
    make: (r, fit) => fit(r.make),
    model: (r, fit) => fit(r.model),
    serial: (r) => <span className="mono">{r.serial}</span>,
    ptz: (r) => (r.ptz ? t('common.yes') : ''),
    category: (r, fit) => fit(categoryName(t, categories, r.categoryId)),
    purposes: (r, fit) => fit(r.purposes.map((p) => t(`register.enums.purpose.${p}`)).join(', ')),
    installDate: (r) => showDay(r.installDate, lang),
    warrantyEnd: (r) => showDay(r.warrantyEnd, lang),
    lastSeen: (r) => (r.lastSeen ? new Date(r.lastSeen).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone }) : ''),
  };
  // A name with a tag after it (disabled, clock off) is clipped by CSS as before: the tag's width is not measured.
  const nameAlone = (r: CameraRow) => !r.disabled && !showsClockSkew(devices.get(r.id));
  return keys.map((k) => ({
    key: k,
    label: t(`register.columns.${k}`),
    width: WIDTH[k],
    words: WORDS.has(k),
    fit: FITTED.has(k) ? (k === 'name' ? { reserve: DOT_ROOM, when: nameAlone } : {}) : undefined,
    cellClass: k === 'status' ? (r: CameraRow) => `badge badge--${r.status}` : undefined,
    render: render[k],
  }));
}
