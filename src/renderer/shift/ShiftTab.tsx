// The shift handover: the report of this shift so far, notes and the sign-off; a handover waiting
// for the incoming officer with "Take over this shift"; earlier handovers with their minutes (PDF
// in Vietnamese or English, printed by the core) and later notes or corrections.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_HANDOVER_NOTES, type Handover, type HandoverSummary, type ShiftReport } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { Dialog } from '../app/Dialog';
import { formatDateTime, type Language } from '../i18n';
import { useIncidentRefs } from '../incidents/refs';
import { fromZonedInput, toZonedInput } from '../incidents/time';
import { ReportView } from './ReportView';

function HandoverView({ id, onChanged }: { id: string; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const { categories } = useIncidentRefs();
  const [h, setH] = useState<Handover | null>(null);
  const [adding, setAdding] = useState<'note' | 'correction' | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const time = (ms: number) => formatDateTime(ms, i18n.language as Language, settings.timeZone);
  const load = useCallback(() => void api.call('shift.get', { id }).then(setH, (err: unknown) => setError(errorText(t, err))), [api, id, t]);
  useEffect(load, [load]);
  useEffect(() => api.on('shift.changed', (e) => e.handoverId === id && load()), [api, id, load]);
  if (!h) return <p className="muted">{error ?? t('common.loading')}</p>;
  return (
    <div className="handover">
      <p>
        {t('book.shift.outgoing', { name: h.outgoingName, time: time(h.signedAt) })} ·{' '}
        {h.incoming ? t('book.shift.incoming', { name: h.incoming.name, time: time(h.incoming.at) }) : t('book.shift.notTaken')}
      </p>
      <div className="handover__links">
        <a className="button" href={api.downloadUrl(`/shift/${h.id}.pdf`, { lang: 'vi' })} download>
          {t('book.shift.pdfVi')}
        </a>
        <a className="button" href={api.downloadUrl(`/shift/${h.id}.pdf`, { lang: 'en' })} download>
          {t('book.shift.pdfEn')}
        </a>
        <button type="button" className="button" onClick={() => setAdding('note')}>
          {t('book.shift.addNote')}
        </button>
        <button type="button" className="button" onClick={() => setAdding('correction')}>
          {t('book.shift.addCorrection')}
        </button>
      </div>
      {h.notes ? <p className="handover__notes">{h.notes}</p> : null}
      {h.incoming?.note ? <p className="handover__notes">{h.incoming.note}</p> : null}
      <ReportView report={h.report} categories={categories} />
      {h.entries.length ? (
        <section>
          <h4>{t('book.shift.entries')}</h4>
          <ul className="report__list">
            {h.entries.map((e) => (
              <li key={e.seq}>
                {time(e.at)} · {e.userName} · {e.kind === 'correction' ? t('book.shift.addCorrection') : t('book.shift.addNote')}: {e.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="muted mono">{t('book.shift.checksum', { hash: h.reportSha256 })}</p>
      {adding ? (
        <Dialog
          title={adding === 'note' ? t('book.shift.addNote') : t('book.shift.addCorrection')}
          onClose={() => setAdding(null)}
          submitLabel={t('book.incidents.save')}
          cancelLabel={t('book.incidents.cancel')}
          onSubmit={() =>
            void api.call('shift.addNote', { id: h.id, kind: adding, text }).then(
              (x) => {
                setH(x);
                setAdding(null);
                setText('');
                onChanged();
              },
              (err: unknown) => setError(errorText(t, err)),
            )
          }
        >
          <label className="field field--stack">
            <span>{t('book.shift.noteText')}</span>
            <textarea className="input" rows={4} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
          </label>
        </Dialog>
      ) : null}
    </div>
  );
}

export function ShiftTab() {
  const { t, i18n } = useTranslation();
  const { api, settings, session } = useApp();
  const { categories } = useIncidentRefs();
  const tz = settings.timeZone;
  const [from, setFrom] = useState<number | null>(null);
  const [report, setReport] = useState<ShiftReport | null>(null);
  const [notes, setNotes] = useState('');
  const [list, setList] = useState<HandoverSummary[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [taking, setTaking] = useState<HandoverSummary | null>(null);
  const [ackNote, setAckNote] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const time = (ms: number) => formatDateTime(ms, i18n.language as Language, tz);

  const preview = useCallback(
    (f: number | null) =>
      void api.call('shift.preview', f === null ? {} : { from: f }).then(
        (r) => {
          setReport(r);
          setFrom(r.from);
        },
        (err: unknown) => setMessage({ ok: false, text: errorText(t, err) }),
      ),
    [api, t],
  );
  const loadList = useCallback(() => void api.call('shift.list', {}).then(setList, () => undefined), [api]);
  useEffect(() => {
    preview(null);
    loadList();
  }, [preview, loadList]);
  useEffect(() => api.on('shift.changed', () => loadList()), [api, loadList]);

  const pending = list.filter((h) => !h.incoming && h.outgoingName !== session.user.displayName);
  const signOff = () =>
    void api.call('shift.signOff', { from: from!, notes }).then(
      (h) => {
        setConfirming(false);
        setNotes('');
        setMessage({ ok: true, text: t('book.shift.signed') });
        setOpen(h.id);
        loadList();
        preview(null);
      },
      (err: unknown) => {
        setConfirming(false);
        setMessage({ ok: false, text: errorText(t, err) });
      },
    );

  return (
    <div className="shift">
      {message ? (
        <p className={`message message--${message.ok ? 'ok' : 'error'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      <section className="card" aria-labelledby="shift-pending">
        <h2 id="shift-pending">{t('book.shift.pending')}</h2>
        {pending.length === 0 ? <p className="muted">{t('book.shift.pendingNone')}</p> : null}
        {pending.map((h) => (
          <div key={h.id} className="shift__pending">
            <span>
              {t('book.shift.outgoing', { name: h.outgoingName, time: time(h.signedAt) })} ·{' '}
              {t('book.shift.period', { from: time(h.from), to: time(h.to) })}
            </span>
            <button type="button" className="button" onClick={() => setOpen(open === h.id ? null : h.id)}>
              {open === h.id ? t('book.shift.hide') : t('book.shift.view')}
            </button>
            <button type="button" className="button button--primary" onClick={() => setTaking(h)}>
              {t('book.shift.acknowledge')}
            </button>
          </div>
        ))}
      </section>
      <section className="card" aria-labelledby="shift-current">
        <div className="card__head">
          <h2 id="shift-current">{t('book.shift.current')}</h2>
          <label className="inline-field">
            {t('book.shift.since')}
            <input
              className="input input--compact"
              type="datetime-local"
              value={from !== null ? toZonedInput(from, tz) : ''}
              onChange={(e) => setFrom(fromZonedInput(e.target.value, tz))}
            />
          </label>
          <button type="button" className="button" onClick={() => preview(from)}>
            {t('book.shift.refresh')}
          </button>
        </div>
        {report ? <ReportView report={report} categories={categories} /> : <p className="muted">{t('common.loading')}</p>}
        <label className="field field--stack">
          <span>{t('book.shift.notes')}</span>
          <textarea className="input" rows={4} maxLength={MAX_HANDOVER_NOTES} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <button type="button" className="button button--primary" disabled={from === null} onClick={() => setConfirming(true)}>
          {t('book.shift.signOff')}
        </button>
      </section>
      <section className="card" aria-labelledby="shift-history">
        <h2 id="shift-history">{t('book.shift.history')}</h2>
        {list.length === 0 ? <p className="muted">{t('book.shift.historyNone')}</p> : null}
        <ul className="shift__history">
          {list.map((h) => (
            <li key={h.id}>
              <div className="shift__row">
                <span>
                  {t('book.shift.period', { from: time(h.from), to: time(h.to) })} ·{' '}
                  {t('book.shift.outgoing', { name: h.outgoingName, time: time(h.signedAt) })} ·{' '}
                  {h.incoming ? t('book.shift.incoming', { name: h.incoming.name, time: time(h.incoming.at) }) : t('book.shift.notTaken')}
                </span>
                <button type="button" className="button" aria-expanded={open === h.id} onClick={() => setOpen(open === h.id ? null : h.id)}>
                  {open === h.id ? t('book.shift.hide') : t('book.shift.view')}
                </button>
              </div>
              {open === h.id ? <HandoverView id={h.id} onChanged={loadList} /> : null}
            </li>
          ))}
        </ul>
      </section>
      {confirming ? (
        <Dialog
          title={t('book.shift.signOff')}
          onSubmit={signOff}
          onClose={() => setConfirming(false)}
          submitLabel={t('book.shift.signOff')}
          cancelLabel={t('book.incidents.cancel')}
        >
          <p>{t('book.shift.signOffConfirm', { name: session.user.displayName })}</p>
        </Dialog>
      ) : null}
      {taking ? (
        <Dialog
          title={t('book.shift.acknowledge')}
          onClose={() => setTaking(null)}
          submitLabel={t('book.shift.acknowledge')}
          cancelLabel={t('book.incidents.cancel')}
          onSubmit={() =>
            void api.call('shift.acknowledge', { id: taking.id, note: ackNote }).then(
              (h) => {
                setTaking(null);
                setAckNote('');
                setMessage({ ok: true, text: t('book.shift.acknowledged', { name: h.outgoingName }) });
                loadList();
              },
              (err: unknown) => {
                setTaking(null);
                setMessage({ ok: false, text: errorText(t, err) });
              },
            )
          }
        >
          <label className="field field--stack">
            <span>{t('book.shift.ackNote')}</span>
            <textarea className="input" rows={3} maxLength={2000} value={ackNote} onChange={(e) => setAckNote(e.target.value)} autoFocus />
          </label>
        </Dialog>
      ) : null}
    </div>
  );
}
