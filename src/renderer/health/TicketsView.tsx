// Repair tickets, open ones first; choosing one opens it (history, assignee, due date, notes).
import { useTranslation } from 'react-i18next';
import type { RepairTicket } from '../../shared/contract';
import { useApp } from '../app/app-context';
import { formatDateTime, type Language } from '../i18n';

export function TicketsView({ tickets, onOpen }: { tickets: RepairTicket[]; onOpen(id: string): void }) {
  const { t, i18n } = useTranslation();
  const { settings } = useApp();
  const time = (ms: number) => formatDateTime(ms, i18n.language as Language, settings.timeZone);
  return (
    <section className="card" aria-labelledby="repair-list">
      <h2 id="repair-list">{t('repair.list.heading')}</h2>
      {tickets.length === 0 ? (
        <p className="muted">{t('repair.list.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="num">{t('repair.list.number')}</th>
                <th scope="col">{t('repair.list.title')}</th>
                <th scope="col">{t('repair.list.assignee')}</th>
                <th scope="col">{t('repair.list.status')}</th>
                <th scope="col">{t('repair.list.age')}</th>
                <th scope="col">{t('repair.list.due')}</th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((x) => (
                <tr key={x.id}>
                  <td className="num">{x.number}</td>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => onOpen(x.id)}>
                      {x.title}
                    </button>
                    {x.pointName && x.cameraName ? <span className="muted"> · {x.pointName}</span> : null}
                    {x.automatic ? <span className="muted"> · {t('repair.automatic')}</span> : null}
                  </th>
                  <td>{x.assigneeName ?? t('healthPage.tickets.unassigned')}</td>
                  <td>
                    <span className={`status status--repair-${x.status}`}>{t(`repair.status.${x.status}`)}</span>
                  </td>
                  <td className="nowrap">{time(x.openedAt)}</td>
                  <td className="nowrap">{x.dueDate ?? t('healthPage.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
