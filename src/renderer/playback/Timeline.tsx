// The timeline: one row per camera with what is recorded, being recorded, missing (lost files),
// camera events, bookmarks and evidence locks, on a time axis in the console's zone. Click to put
// the cursor there; Shift+drag (or drag on the axis) to select a range for export.
import { useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraTimeline } from '../../shared/contract';
import { zoneOffsetMs } from '../../shared/zoned-time';
import { formatTime, type Language } from '../i18n';

export interface TimelineProps {
  rows: CameraTimeline[];
  names: Map<string, string>;
  from: number;
  to: number;
  cursor: number;
  selection: { from: number; to: number } | null;
  timeZone: string;
  onSeek(utc: number): void;
  onSelect(range: { from: number; to: number } | null): void;
}

const dates = new Map<string, Intl.DateTimeFormat>();
function formatDate(ms: number, lang: Language, timeZone: string): string {
  const key = `${lang}|${timeZone}`;
  let f = dates.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone, weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' });
    dates.set(key, f);
  }
  return f.format(ms);
}

const STEPS = [60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, 3600_000, 2 * 3600_000, 6 * 3600_000];

function ticks(from: number, to: number, timeZone: string): number[] {
  const span = to - from;
  const step = STEPS.find((s) => span / s <= 12) ?? 12 * 3600_000;
  const offset = zoneOffsetMs(from, timeZone);
  const first = Math.ceil((from + offset) / step) * step - offset;
  const out: number[] = [];
  for (let t = first; t <= to; t += step) out.push(t);
  return out;
}

export function Timeline(p: TimelineProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const trackRef = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const span = p.to - p.from;
  const pct = (utc: number) => `${Math.max(0, Math.min(100, ((utc - p.from) / span) * 100))}%`;
  const width = (a: number, b: number) => `${Math.max(0.15, ((Math.min(b, p.to) - Math.max(a, p.from)) / span) * 100)}%`;
  const at = (e: PointerEvent) => {
    const r = trackRef.current!.getBoundingClientRect();
    return Math.round(p.from + ((e.clientX - r.left) / r.width) * span);
  };
  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const utc = at(e);
    if (e.shiftKey || (e.target as HTMLElement).closest('.timeline__axis')) {
      e.currentTarget.setPointerCapture(e.pointerId);
      setDrag({ start: utc, end: utc });
    } else p.onSeek(utc);
  };
  const onMove = (e: PointerEvent) => drag && setDrag({ ...drag, end: at(e) });
  const onUp = () => {
    if (!drag) return;
    const a = Math.min(drag.start, drag.end);
    const b = Math.max(drag.start, drag.end);
    setDrag(null);
    if (b - a > 1000) p.onSelect({ from: a, to: b });
    else p.onSeek(drag.start);
  };
  const sel = drag ? { from: Math.min(drag.start, drag.end), to: Math.max(drag.start, drag.end) } : p.selection;
  return (
    <div className="timeline" role="group" aria-label={t('rec.timeline.label')}>
      <div className="timeline__head">
        <span className="timeline__date">{formatDate(p.from, lang, p.timeZone)}</span>
        <div className="timeline__legend" aria-hidden="true">
          <span className="lg lg--rec" /> {t('rec.timeline.recorded')} <span className="lg lg--live" /> {t('rec.timeline.recording')}{' '}
          <span className="lg lg--missing" /> {t('rec.timeline.missing')} <span className="lg lg--event" /> {t('rec.timeline.events')}{' '}
          <span className="lg lg--bookmark" /> {t('rec.timeline.bookmarks')} <span className="lg lg--lock" /> {t('rec.timeline.locked')}
        </div>
      </div>
      <div className="timeline__body" ref={trackRef} onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp}>
        <div className="timeline__axis" title={t('rec.timeline.selectHint')}>
          {ticks(p.from, p.to, p.timeZone).map((x) => (
            <span key={x} className="timeline__tick" style={{ left: pct(x) }}>
              {formatTime(x, lang, p.timeZone).slice(0, 5)}
            </span>
          ))}
        </div>
        {p.rows.map((row) => (
          <div key={row.cameraId} className="timeline__row" data-camera-id={row.cameraId}>
            <span className="timeline__name">{p.names.get(row.cameraId) ?? row.cameraId}</span>
            {row.locks.map((l, i) => (
              <span key={`l${i}`} className="tl-lock" style={{ left: pct(l.from), width: width(l.from, l.to) }} title={t('rec.timeline.locked')} />
            ))}
            {row.spans.map((s, i) => (
              <span
                key={`s${i}`}
                className={`tl-span tl-span--${s.status}`}
                style={{ left: pct(s.from), width: width(s.from, s.to) }}
                data-from={s.from}
                data-to={s.to}
              />
            ))}
            {row.events.map((ev, i) => (
              <span
                key={`e${i}`}
                className="tl-event"
                style={{ left: pct(ev.from), width: width(ev.from, ev.to ?? ev.from + 1000) }}
                title={`${t(`rec.trigger.${ev.kind}`, { defaultValue: ev.kind })} ${formatTime(ev.from, lang, p.timeZone)}`}
              />
            ))}
            {row.bookmarks.map((b) => (
              <button
                key={b.id}
                type="button"
                className="tl-bookmark"
                style={{ left: pct(b.at) }}
                title={`${formatTime(b.at, lang, p.timeZone)} ${b.note}`}
                aria-label={t('rec.bookmarks.at', { time: formatTime(b.at, lang, p.timeZone), note: b.note })}
                onPointerDown={(e) => e.stopPropagation()}
                onClick={() => p.onSeek(b.at)}
              />
            ))}
          </div>
        ))}
        {sel ? <div className="timeline__selection" style={{ left: pct(sel.from), width: width(sel.from, sel.to) }} /> : null}
        {p.cursor >= p.from && p.cursor <= p.to ? <div className="timeline__cursor" style={{ left: pct(p.cursor) }} aria-hidden="true" /> : null}
      </div>
    </div>
  );
}
