// The two ticket dialogs: opening one for a camera (assignee, due date, a first note), and one
// ticket with its history, where a technician assigns, notes, and says "repair done".
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assignee, RepairTicketDetail } from '../../shared/contract';
import { useActionRegistry } from '../actions/ActionsProvider';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { Dialog } from '../app/Dialog';
import { formatDateTime, type Language } from '../i18n';
import { useAllAssignees } from './AssigneesView';
import { reasonText } from './format';
import { TicketPhotos } from './TicketPhotos';
import { HEALTH_ACTIONS } from './health-actions';

/** The assignees a ticket may be given now (those in use), kept current as the list is edited. */
export function useAssignees(): Assignee[] {
  return useAllAssignees().filter((a) => !a.disabled);
}

export function OpenTicketDialog({ cameraName, onSubmit, onClose, error }: {
  cameraName: string;
  onSubmit(input: { assigneeId: string | null; dueDate: string | null; note: string }): void;
  onClose(): void;
  error: string | null;
}) {
  const { t } = useTranslation();
  const assignees = useAssignees();
  const [assigneeId, setAssignee] = useState('');
  const [dueDate, setDue] = useState('');
  const [note, setNote] = useState('');
  return (
    <Dialog
      title={t('repair.openFor', { name: cameraName })}
      submitLabel={t('repair.open')}
      cancelLabel={t('repair.dismiss')}
      onClose={onClose}
      onSubmit={() => onSubmit({ assigneeId: assigneeId || null, dueDate: dueDate || null, note })}
    >
      <div className="dialog__body form-grid">
        <label className="field field--stack">
          <span>{t('repair.fields.assignee')}</span>
          <select className="input" value={assigneeId} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">{t('healthPage.tickets.unassigned')}</option>
            {assignees.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--stack">
          <span>{t('repair.fields.due')}</span>
          <input className="input" type="date" value={dueDate} onChange={(e) => setDue(e.target.value)} />
        </label>
        <label className="field field--stack">
          <span>{t('repair.fields.note')}</span>
          <textarea className="input" rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {error ? <p className="message message--error">{error}</p> : null}
      </div>
    </Dialog>
  );
}

export function TicketDialog({ ticketId, onClose }: { ticketId: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { api, settings, can } = useApp();
  const registry = useActionRegistry();
  // All of them: a ticket's history names an assignee taken out of use since.
  const assignees = useAllAssignees();
  const [ticket, setTicket] = useState<RepairTicketDetail | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [probe, setProbe] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      void api.call('repair.get', { id: ticketId }).then(
        (x) => alive && setTicket(x),
        (err: unknown) => alive && setError(errorText(t, err)),
      );
    load();
    const off = api.on('repair.changed', (e) => (e.ticketId === ticketId ? load() : undefined));
    return () => {
      alive = false;
      off();
    };
  }, [api, ticketId, t]);
  const time = (ms: number) => formatDateTime(ms, i18n.language as Language, settings.timeZone);
  const live = ticket !== null && ticket.status !== 'closed' && ticket.status !== 'cancelled';
  const manage = can('register.manage') && live;
  const eventText = (e: RepairTicketDetail['events'][number]) => {
    switch (e.kind) {
      case 'assigned':
        return t('repair.event.assigned', { name: assignees.find((a) => a.id === e.text)?.name ?? (e.text || t('healthPage.tickets.unassigned')) });
      case 'status':
        return t('repair.event.status', { status: t(`repair.status.${e.text}`, { defaultValue: e.text }) });
      case 'probe_failed':
        return t('repair.event.probe_failed', { text: reasonText(t, e.text) });
      case 'opened':
        return e.text.startsWith('offline:') ? `${t('repair.event.opened')} (${t('repair.automatic')}: ${reasonText(t, e.text.slice(8))})` : `${t('repair.event.opened')}${e.text ? `: ${e.text}` : ''}`;
      case 'note':
        return `${t('repair.event.note')}: ${e.text}`;
      case 'photo':
        return t('repair.event.photo', { name: e.text });
      default:
        return t(`repair.event.${e.kind}`, { text: e.text, defaultValue: e.kind });
    }
  };
  return (
    <dialog
      className="dialog ticket"
      aria-label={ticket ? t('repair.ticket', { number: ticket.number, title: ticket.title }) : t('repair.list.heading')}
      ref={(d) => {
        if (d && !d.open) d.showModal();
      }}
      onClose={onClose}
    >
      {ticket ? (
        <div className="dialog__body">
          <h2>{t('repair.ticket', { number: ticket.number, title: ticket.title })}</h2>
          <p>
            <span className={`status status--repair-${ticket.status}`}>{t(`repair.status.${ticket.status}`)}</span>
            {ticket.pointName ? <span className="muted"> · {ticket.pointName}</span> : null}
            {ticket.automatic ? <span className="muted"> · {t('repair.automatic')}</span> : null}
          </p>
          {ticket.custodian || ticket.custodianContact ? (
            <p>
              {t('repair.fields.custodian')}: {ticket.custodian} · {t('repair.fields.contact')}: <span className="mono">{ticket.custodianContact}</span>
            </p>
          ) : null}
          <div className="form-grid">
            <label className="field field--stack">
              <span>{t('repair.fields.assignee')}</span>
              <select
                className="input"
                disabled={!manage}
                value={ticket.assigneeId ?? ''}
                onChange={(e) => registry.run(HEALTH_ACTIONS.updateTicket, { id: ticket.id, assigneeId: e.target.value || null })}
              >
                <option value="">{t('healthPage.tickets.unassigned')}</option>
                {assignees
                  .filter((a) => !a.disabled || a.id === ticket.assigneeId)
                  .map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
              </select>
            </label>
            <label className="field field--stack">
              <span>{t('repair.fields.due')}</span>
              <input
                className="input"
                type="date"
                disabled={!manage}
                value={ticket.dueDate ?? ''}
                onChange={(e) => registry.run(HEALTH_ACTIONS.updateTicket, { id: ticket.id, dueDate: e.target.value || null })}
              />
            </label>
            <label className="field field--stack">
              <span>{t('repair.fields.status')}</span>
              <select
                className="input"
                disabled={!manage || ticket.status === 'verifying'}
                value={ticket.status}
                onChange={(e) => registry.run(HEALTH_ACTIONS.updateTicket, { id: ticket.id, status: e.target.value })}
              >
                {(live && ticket.status !== 'verifying' ? ['open', 'in_progress', 'cancelled'] : [ticket.status]).map((s) => (
                  <option key={s} value={s}>
                    {t(`repair.status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <TicketPhotos ticketId={ticket.id} photos={ticket.photos} canAdd={can('register.manage')} />
          <h3>{t('repair.history')}</h3>
          <ol className="ticket__history">
            {ticket.events.map((e) => (
              <li key={e.seq}>
                <span className="nowrap muted">{time(e.at)}</span> {e.actor ? <strong>{e.actor}</strong> : null} {eventText(e)}
              </li>
            ))}
          </ol>
          {manage ? (
            <form
              className="ticket__note"
              onSubmit={(e) => {
                e.preventDefault();
                if (!note.trim()) return;
                registry.run(HEALTH_ACTIONS.updateTicket, { id: ticket.id, note });
                setNote('');
              }}
            >
              <label className="field field--stack">
                <span>{t('repair.fields.note')}</span>
                <textarea className="input" rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
              </label>
              <button type="submit" className="button">
                {t('repair.addNote')}
              </button>
            </form>
          ) : null}
          {probe ? <p className="message" role="status">{probe}</p> : null}
          {error ? <p className="message message--error">{error}</p> : null}
          <div className="dialog__actions">
            {ticket.cameraId ? (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setProbe(null);
                  void api.call('health.probeNow', { cameraId: ticket.cameraId! }).then(
                    (r) => setProbe(r.ok ? t('repair.probeOk') : t('repair.probeFailed', { reason: reasonText(t, r.reason) })),
                    (err: unknown) => setError(errorText(t, err)),
                  );
                }}
              >
                {t('repair.probeNow')}
              </button>
            ) : null}
            {manage && ticket.status !== 'verifying' ? (
              <button type="button" className="button button--primary" title={t('repair.closeHelp')} onClick={() => registry.run(HEALTH_ACTIONS.closeTicket, ticket.id)}>
                {t('repair.close')}
              </button>
            ) : null}
            <button type="button" className="button" onClick={onClose}>
              {t('repair.dismiss')}
            </button>
          </div>
        </div>
      ) : error ? (
        <p className="message message--error">{error}</p>
      ) : null}
    </dialog>
  );
}
