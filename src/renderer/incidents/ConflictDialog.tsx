// A save that came second: nothing was written. Shown: what the other console(s) changed since this
// one opened the incident, beside what this one wanted. The officer saves on top (their fields over
// the current version) or drops their edit. Never a silent overwrite.
import { useTranslation } from 'react-i18next';
import type { FieldValue, IncidentCategory, RegisterTree, SaveOutcome } from '../../shared/contract';
import { useApp } from '../app/app-context';
import { formatDateTime, type Language } from '../i18n';
import { categoryName, type Assignee } from './refs';

type Conflict = Extract<SaveOutcome, { outcome: 'conflict' }>;

export function useValueText(tree: RegisterTree | null, categories: IncidentCategory[], assignees: Assignee[]) {
  const { t, i18n } = useTranslation();
  const { settings } = useApp();
  return (field: string, v: FieldValue | undefined): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (field === 'occurredAt' && typeof v === 'number') return formatDateTime(v, i18n.language as Language, settings.timeZone);
    if (field === 'categoryId' && typeof v === 'string')
      return categoryName(
        categories.find((c) => c.id === v),
        v,
        i18n.language,
      );
    if (field === 'severity' && typeof v === 'string') return t(`book.severity.${v}`);
    if (field === 'status' && typeof v === 'string') return t(`book.status.${v}`);
    if (field === 'pointId' && typeof v === 'string') return tree?.points.find((p) => p.id === v)?.name ?? v;
    if (field === 'areaId' && typeof v === 'string') return tree?.areas.find((a) => a.id === v)?.name ?? v;
    if (field === 'assigneeId' && typeof v === 'string') return assignees.find((a) => a.id === v)?.displayName ?? v;
    if (field === 'cameraIds' && Array.isArray(v)) return v.map((id) => tree?.cameras.find((c) => c.id === id)?.name ?? id).join(', ');
    if (Array.isArray(v)) return v.join(', ');
    const s = String(v);
    return s.length > 300 ? `${s.slice(0, 300)}…` : s;
  };
}

export function ConflictDialog({
  conflict,
  mine,
  onKeepMine,
  onDiscard,
  tree,
  categories,
  assignees,
}: {
  conflict: Conflict;
  /** The fields this console wanted to save. */
  mine: Record<string, FieldValue>;
  onKeepMine(): void;
  onDiscard(): void;
  tree: RegisterTree | null;
  categories: IncidentCategory[];
  assignees: Assignee[];
}) {
  const { t, i18n } = useTranslation();
  const { settings } = useApp();
  const text = useValueText(tree, categories, assignees);
  const fieldName = (f: string) =>
    t(
      `book.incidents.fields.${f === 'categoryId' ? 'category' : f === 'pointId' ? 'point' : f === 'assigneeId' ? 'assignee' : f === 'cameraIds' ? 'camera' : f === 'areaId' ? 'area' : f}`,
      { defaultValue: f === 'status' ? t('book.incidents.statusLabel') : f },
    );
  return (
    <dialog
      className="dialog conflict"
      aria-labelledby="conflict-title"
      ref={(d) => {
        if (d && !d.open) d.showModal();
      }}
      onClose={onDiscard}
    >
      <h2 id="conflict-title">{t('book.incidents.conflict.title')}</h2>
      <p>{t('book.incidents.conflict.body')}</p>
      {conflict.theirs.map((s) => (
        <section key={s.version} className="conflict__save">
          <h3>{t('book.incidents.conflict.by', { name: s.by ?? '—', time: formatDateTime(s.at, i18n.language as Language, settings.timeZone) })}</h3>
          <table className="table">
            <thead>
              <tr>
                <th>{t('book.incidents.conflict.field')}</th>
                <th>{t('book.incidents.conflict.before')}</th>
                <th>{t('book.incidents.conflict.theirs')}</th>
                <th>{t('book.incidents.conflict.yours')}</th>
              </tr>
            </thead>
            <tbody>
              {s.changes.map((c) => (
                <tr key={c.field} className={c.field in mine ? 'conflict__clash' : undefined}>
                  <th scope="row">{fieldName(c.field)}</th>
                  <td>{text(c.field, c.before)}</td>
                  <td>{text(c.field, c.after)}</td>
                  <td>{c.field in mine ? text(c.field, mine[c.field]) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onDiscard}>
          {t('book.incidents.conflict.discard')}
        </button>
        <button type="button" className="button button--primary" onClick={onKeepMine}>
          {t('book.incidents.conflict.keepMine')}
        </button>
      </div>
    </dialog>
  );
}
