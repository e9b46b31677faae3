// An incident's timeline: who did what and when, oldest first; comments and corrections are
// entries like any other (nothing is ever edited). Every user text is rendered as text.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_COMMENT, type Attachment, type TimelineEntry } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { formatDateTime, type Language } from '../i18n';

export function Timeline({
  incidentId,
  entries,
  attachments,
  canWrite,
}: {
  incidentId: string;
  entries: TimelineEntry[];
  attachments: Attachment[];
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const [text, setText] = useState('');
  const [correcting, setCorrecting] = useState<TimelineEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const time = (ms: number) => formatDateTime(ms, i18n.language as Language, settings.timeZone);
  const fieldName = (f: string) => t(`book.incidents.fields.${f}`, { defaultValue: f });

  const describe = (e: TimelineEntry): string => {
    switch (e.kind) {
      case 'updated':
        return t('book.incidents.entry.updated', { fields: e.changes.map((c) => fieldName(c.field)).join(', ') });
      case 'status': {
        const to = e.changes.find((c) => c.field === 'status')?.after;
        return t('book.incidents.entry.status', { status: typeof to === 'string' ? t(`book.status.${to}`) : '' });
      }
      case 'attachment':
        return t('book.incidents.entry.attachment', { name: attachments.find((a) => a.id === e.attachmentId)?.name ?? '' });
      default:
        return t(`book.incidents.entry.${e.kind}`);
    }
  };

  const send = () => {
    if (!text.trim()) return;
    setError(null);
    void api.call('incidents.comment', { id: incidentId, text, ...(correcting ? { corrects: correcting.seq } : {}) }).then(
      () => {
        setText('');
        setCorrecting(null);
      },
      (err: unknown) => setError(errorText(t, err)),
    );
  };

  return (
    <section className="timeline" aria-labelledby={`timeline-${incidentId}`}>
      <h3 id={`timeline-${incidentId}`}>{t('book.incidents.timeline')}</h3>
      <ol className="timeline__list">
        {entries.map((e) => (
          <li key={e.seq} className={`timeline__entry timeline__entry--${e.kind}`} id={`entry-${e.seq}`}>
            <div className="timeline__meta">
              <time className="muted">{time(e.at)}</time> <b>{e.actorName ?? '—'}</b> {describe(e)}
              {e.corrects !== null ? (
                <span className="muted">
                  {' '}
                  ({t('book.incidents.correcting', { time: time(entries.find((x) => x.seq === e.corrects)?.at ?? e.at) })})
                </span>
              ) : null}
            </div>
            {e.text ? <p className="timeline__text">{e.text}</p> : null}
            {e.kind === 'updated' ? (
              <ul className="timeline__changes muted">
                {e.changes.map((c) => (
                  <li key={c.field}>
                    {fieldName(c.field)}: {Array.isArray(c.before) ? c.before.join(', ') : String(c.before ?? '—').slice(0, 120)} →{' '}
                    {Array.isArray(c.after) ? c.after.join(', ') : String(c.after ?? '—').slice(0, 120)}
                  </li>
                ))}
              </ul>
            ) : null}
            {canWrite && (e.kind === 'comment' || e.kind === 'correction') ? (
              <button type="button" className="button button--quiet timeline__correct" onClick={() => setCorrecting(e)}>
                {t('book.incidents.correct')}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {canWrite ? (
        <form
          className="timeline__form"
          onSubmit={(ev) => {
            ev.preventDefault();
            send();
          }}
        >
          <label htmlFor={`comment-${incidentId}`}>
            {correcting ? t('book.incidents.correcting', { time: time(correcting.at) }) : t('book.incidents.comment')}
          </label>
          <textarea
            id={`comment-${incidentId}`}
            className="input"
            rows={3}
            maxLength={MAX_COMMENT}
            placeholder={t('book.incidents.commentPlaceholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="timeline__form-actions">
            {correcting ? (
              <button type="button" className="button button--quiet" onClick={() => setCorrecting(null)}>
                {t('book.incidents.cancel')}
              </button>
            ) : null}
            <button type="submit" className="button button--primary" disabled={!text.trim()}>
              {correcting ? t('book.incidents.correct') : t('book.incidents.addComment')}
            </button>
          </div>
          {error ? (
            <p className="message message--error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
