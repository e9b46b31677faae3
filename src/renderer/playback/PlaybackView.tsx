// Playback: choose up to 16 cameras, play them in sync at one time cursor, move it on the timeline
// or to a typed date and time (console's zone), bookmark, and export what the timeline selects.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraTimeline } from '../../shared/contract';
import { matchesSearch } from '../../shared/text';
import { utcToZoned, zonedToUtc } from '../../shared/zoned-time';
import { useActions } from '../actions/ActionsProvider';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { useRegister } from '../register/use-register';
import { BookmarkDialog } from './BookmarkDialog';
import { BookmarkList } from './BookmarkList';
import { ExportDialog } from './ExportDialog';
import { PLAYBACK_ACTIONS, type PlaybackCtx } from './playback-actions';
import { RecordedTile } from './RecordedTile';
import { SyncClock } from './sync-clock';
import { Timeline } from './Timeline';
import { TransportBar } from './TransportBar';

const MAX_CAMERAS = 16;
const ZOOMS = [15 * 60_000, 3600_000, 6 * 3600_000, 24 * 3600_000] as const;

export function PlaybackView({ initialCameras = [], initialAt }: { initialCameras?: string[]; initialAt?: number }) {
  const { t } = useTranslation();
  const { api, settings, can } = useApp();
  const tree = useRegister();
  const [selected, setSelected] = useState<string[]>(initialCameras.slice(0, MAX_CAMERAS));
  const [filter, setFilter] = useState('');
  const [clock] = useState(() => new SyncClock(initialAt ?? Date.now() - 5 * 60_000, false));
  const [clockState, setClockState] = useState(clock.state);
  const [cursor, setCursor] = useState(clock.now());
  const [zoom, setZoom] = useState<number>(ZOOMS[1]);
  const [windowFrom, setWindowFrom] = useState(clock.now() - ZOOMS[1] / 2);
  const [rows, setRows] = useState<CameraTimeline[]>([]);
  const [selection, setSelection] = useState<{ from: number; to: number } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [jumpText, setJumpText] = useState(() => utcToZoned(clock.now(), settings.timeZone));
  const jumpRef = useRef<HTMLInputElement>(null);
  const [bookmarksVersion, setBookmarksVersion] = useState(0);
  const cameras = useMemo(() => new Map((tree?.cameras ?? []).map((c) => [c.id, c])), [tree]);
  const names = useMemo(() => new Map([...cameras.values()].map((c) => [c.id, c.name])), [cameras]);
  const windowTo = windowFrom + zoom;

  useEffect(() => clock.subscribe(setClockState), [clock]);
  // The cursor on the timeline follows the clock; the window follows the cursor.
  useEffect(() => {
    const id = setInterval(() => {
      const now = clock.now();
      setCursor(now);
      setWindowFrom((w) => (now < w || now > w + zoom ? now - zoom / 2 : w));
    }, 250);
    return () => clearInterval(id);
  }, [clock, zoom]);

  useEffect(() => {
    if (selected.length === 0) return;
    let alive = true;
    const load = () =>
      void api.call('playback.timeline', { cameraIds: selected, from: Math.round(windowFrom), to: Math.round(windowTo) }).then(
        (r) => alive && setRows(r),
        (err: unknown) => alive && setMessage({ kind: 'error', text: errorText(t, err) }),
      );
    load();
    const id = setInterval(load, 10_000);
    const off = api.on('recording.segment', (e) => {
      if (selected.includes(e.cameraId)) load();
    });
    return () => {
      alive = false;
      clearInterval(id);
      off();
    };
  }, [api, selected, windowFrom, windowTo, t, bookmarksVersion]);

  const seek = useCallback(
    (utc: number) => {
      clock.seek(utc);
      setCursor(utc);
      setJumpText(utcToZoned(utc, settings.timeZone));
    },
    [clock, settings.timeZone],
  );

  const [bookmarking, setBookmarking] = useState<number | null>(null);
  const bookmark = useCallback(() => {
    if (selected.length === 0) return;
    clock.pause();
    setBookmarking(clock.now());
  }, [clock, selected.length]);

  const ctx = useMemo<PlaybackCtx>(
    () => ({
      clock,
      hasCameras: selected.length > 0,
      step(direction) {
        clock.step(direction);
        setCursor(clock.now());
      },
      bookmark,
      focusJump: () => jumpRef.current?.focus(),
      exportSelection: () => setExporting(true),
    }),
    [bookmark, clock, selected.length],
  );
  useActions(PLAYBACK_ACTIONS, ctx);

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : s.length >= MAX_CAMERAS ? s : [...s, id]));
  const cols = Math.ceil(Math.sqrt(Math.max(1, selected.length)));
  const list = (tree?.cameras ?? []).filter((c) => !filter || matchesSearch(c.name, filter));

  return (
    <div className="pb">
      <aside className="pb__side">
        <input
          className="input pb__search"
          type="search"
          placeholder={t('rec.cameras.search')}
          aria-label={t('rec.cameras.search')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <p className="muted pb__count">{t('rec.cameras.count', { n: selected.length, max: MAX_CAMERAS })}</p>
        <ul className="pb__cams" aria-label={t('rec.cameras.label')}>
          {list.map((c) => (
            <li key={c.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={selected.includes(c.id)}
                  disabled={!selected.includes(c.id) && selected.length >= MAX_CAMERAS}
                  onChange={() => toggle(c.id)}
                />
                {c.name}
              </label>
            </li>
          ))}
        </ul>
        <BookmarkList
          cameraIds={selected.length ? selected : null}
          version={bookmarksVersion}
          onPick={(b) => seek(b.at)}
          onExport={(b) => {
            setSelection({ from: b.at - 30_000, to: b.at + 30_000 });
            setExporting(true);
          }}
        />
      </aside>
      <section className="pb__main" aria-label={t('rec.view')}>
        <form
          className="pb__jump"
          onSubmit={(e) => {
            e.preventDefault();
            const utc = zonedToUtc(jumpText, settings.timeZone);
            if (utc === null) setMessage({ kind: 'error', text: t('rec.jump.invalid') });
            else seek(utc);
          }}
        >
          <label htmlFor="pb-jump">{t('rec.jump.label', { zone: settings.timeZone })}</label>
          <input
            id="pb-jump"
            ref={jumpRef}
            className="input"
            type="datetime-local"
            step={1}
            value={jumpText}
            onChange={(e) => setJumpText(e.target.value)}
          />
          <button type="submit" className="button">
            {t('rec.jump.go')}
          </button>
          {message ? (
            <span
              className={`pb__message message--${message.kind}`}
              role={message.kind === 'error' ? 'alert' : 'status'}
              onClick={() => setMessage(null)}
            >
              {message.text}
            </span>
          ) : null}
        </form>
        {selected.length === 0 ? (
          <div className="pb__empty">{t('rec.cameras.pick')}</div>
        ) : (
          <div
            className="pb__grid"
            style={{ gridTemplateColumns: `repeat(${cols}, 1fr)`, gridTemplateRows: `repeat(${Math.ceil(selected.length / cols)}, 1fr)` }}
          >
            {selected.map((id) => (
              <RecordedTile key={id} cameraId={id} name={names.get(id) ?? id} clock={clock} />
            ))}
          </div>
        )}
        <TransportBar state={clockState} cursor={cursor} onSeek={seek} canExport={can('export.create')} hasSelection={!!selection} />
        <div className="pb__zoom" role="group" aria-label={t('rec.timeline.zoom')}>
          {ZOOMS.map((z) => (
            <button
              key={z}
              type="button"
              className="button button--quiet"
              aria-pressed={zoom === z}
              onClick={() => {
                setZoom(z);
                setWindowFrom(cursor - z / 2);
              }}
            >
              {t(`rec.timeline.z${z}`)}
            </button>
          ))}
          <button
            type="button"
            className="button button--quiet"
            aria-label={t('rec.timeline.earlier')}
            onClick={() => setWindowFrom((w) => w - zoom / 2)}
          >
            ◀
          </button>
          <button
            type="button"
            className="button button--quiet"
            aria-label={t('rec.timeline.later')}
            onClick={() => setWindowFrom((w) => w + zoom / 2)}
          >
            ▶
          </button>
          {selection ? (
            <button type="button" className="button button--quiet" onClick={() => setSelection(null)}>
              {t('rec.timeline.clearSelection')}
            </button>
          ) : (
            <span className="muted">{t('rec.timeline.selectHint')}</span>
          )}
        </div>
        <Timeline
          rows={selected.length ? rows.filter((r) => selected.includes(r.cameraId)) : []}
          names={names}
          from={windowFrom}
          to={windowTo}
          cursor={cursor}
          selection={selection}
          timeZone={settings.timeZone}
          onSeek={seek}
          onSelect={setSelection}
        />
      </section>
      {bookmarking !== null ? (
        <BookmarkDialog
          at={bookmarking}
          cameraIds={selected}
          names={names}
          onClose={() => setBookmarking(null)}
          onDone={() => {
            setBookmarking(null);
            setBookmarksVersion((v) => v + 1);
            setMessage({ kind: 'ok', text: t('rec.bookmarks.added') });
          }}
        />
      ) : null}
      {exporting ? (
        <ExportDialog
          cameraIds={selected}
          names={names}
          range={selection ?? { from: Math.round(cursor - 60_000), to: Math.round(cursor + 60_000) }}
          cursor={cursor}
          onClose={() => setExporting(false)}
        />
      ) : null}
    </div>
  );
}
