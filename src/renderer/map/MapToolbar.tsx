// Above the map: which map to look at (the built-in world, a basemap, an image map), importing one
// (a PDF asks which page), removing one, edit mode, the incident heat layer, and the search box.
import { useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapCamera, MapInfo } from '../../shared/contract';
import { useActionRegistry } from '../actions/ActionsProvider';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import type { IncidentWindow } from './incident-window';
import { IncidentFilter } from './IncidentFilter';
import { importMap, isPdf, pdfPageCount } from './map-import';

export function MapToolbar({ searchRef, ...p }: {
  maps: MapInfo[];
  mapId: string | null;
  onMap: (id: string | null) => void;
  onImported: (m: MapInfo) => void;
  onRemoved: () => void;
  onError: (text: string) => void;
  editing: boolean;
  onEditing: (on: boolean) => void;
  search: (q: string) => MapCamera[];
  onPick: (c: MapCamera) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  hasIncidents: boolean;
  heat: boolean;
  incidentWindow: IncidentWindow;
  onIncidentWindow: (w: IncidentWindow) => void;
}) {
  const { t } = useTranslation();
  const { api, can } = useApp();
  const actions = useActionRegistry();
  const file = useRef<HTMLInputElement | null>(null);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [pdf, setPdf] = useState<{ file: File; pages: number; page: number } | null>(null);
  const [q, setQ] = useState('');
  const hits = q.trim() ? p.search(q) : [];
  const current = p.maps.find((m) => m.id === p.mapId) ?? null;

  const send = async (f: File, page = 1) => {
    setProgress({ name: f.name, fraction: 0 });
    try {
      p.onImported(await importMap(api, f, f.name.replace(/\.[^.]+$/, ''), (fraction) => setProgress({ name: f.name, fraction }), page));
    } catch (err) {
      p.onError(errorText(t, err));
    } finally {
      setProgress(null);
    }
  };
  const chosen = async (f: File) => {
    if (!isPdf(f)) return send(f);
    try {
      const pages = await pdfPageCount(f);
      if (pages < 1) return p.onError(t('errors.map_no_pages'));
      if (pages === 1) return send(f, 1);
      setPdf({ file: f, pages, page: 1 });
    } catch (err) {
      p.onError(errorText(t, err));
    }
  };

  return (
    <div className="map-toolbar">
      <label className="map-toolbar__picker">
        <span className="visually-hidden">{t('pages.map.mapPicker')}</span>
        <select aria-label={t('pages.map.mapPicker')} value={p.mapId ?? ''} onChange={(e) => p.onMap(e.target.value || null)}>
          <option value="">{t('pages.map.fallback')}</option>
          {(['basemap', 'image'] as const).map((kind) => (
            <optgroup key={kind} label={t(kind === 'basemap' ? 'pages.map.basemapGroup' : 'pages.map.imageGroup')}>
              {p.maps
                .filter((m) => m.kind === kind)
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      {can('register.manage') ? (
        <>
          <button type="button" className="button" onClick={() => file.current?.click()} disabled={!!progress} title={t('pages.map.importHint')}>
            {progress ? t('pages.map.importing', { name: progress.name, percent: Math.round(progress.fraction * 100) }) : t('pages.map.importMap')}
          </button>
          <input
            ref={file}
            type="file"
            hidden
            data-testid="map-file"
            accept=".pmtiles,.mbtiles,.png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void chosen(f);
            }}
          />
          {pdf ? (
            <span className="map-toolbar__pdf">
              <label>
                {t('pages.map.pdfPages', { count: pdf.pages })} · {t('pages.map.pdfPage')}{' '}
                <input type="number" min={1} max={pdf.pages} value={pdf.page} onChange={(e) => setPdf({ ...pdf, page: Number(e.target.value) || 1 })} />
              </label>
              <button type="button" className="button" onClick={() => (setPdf(null), void send(pdf.file, pdf.page))}>
                {t('pages.map.importMap')}
              </button>
            </span>
          ) : null}
          {current ? (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                if (!window.confirm(t('pages.map.removeConfirm', { name: current.name }))) return;
                api.call('maps.remove', { id: current.id }).then(p.onRemoved, (err: unknown) => p.onError(errorText(t, err)));
              }}
            >
              {t('pages.map.removeMap')}
            </button>
          ) : null}
          <label className="map-toolbar__toggle">
            <input type="checkbox" checked={p.editing} onChange={() => actions.run('map.edit')} />
            {t('pages.map.edit')}
          </label>
        </>
      ) : null}
      {p.hasIncidents ? (
        <>
          <IncidentFilter value={p.incidentWindow} onChange={p.onIncidentWindow} />
          <label className="map-toolbar__toggle">
            <input type="checkbox" checked={p.heat} onChange={() => actions.run('map.heat')} />
            {t('pages.map.heat')}
          </label>
        </>
      ) : null}
      <div className="map-search" role="search">
        <input ref={searchRef} type="search" placeholder={t('pages.map.search')} aria-label={t('pages.map.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        {q.trim() ? (
          <ul className="map-search__hits" role="listbox" aria-label={t('pages.map.search')}>
            {hits.length === 0 ? <li className="muted">{t('pages.map.searchNoMatch', { q })}</li> : null}
            {hits.map((c) => (
              <li key={c.id} role="option" aria-selected={false}>
                <button type="button" onClick={() => (p.onPick(c), setQ(''))}>
                  <strong>{c.name}</strong> <span className="muted">{c.pointName}{c.address ? ` · ${c.address}` : ''}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
