// Choose which columns the camera table shows, and in which order.
import { useTranslation } from 'react-i18next';
import { ALL_COLUMNS, type ColumnKey } from './camera-columns';

export function ColumnChooser({ value, onChange }: { value: ColumnKey[]; onChange(next: ColumnKey[]): void }) {
  const { t } = useTranslation();
  const hidden = ALL_COLUMNS.filter((k) => !value.includes(k));
  const move = (i: number, by: number) => {
    const next = [...value];
    const [k] = next.splice(i, 1);
    next.splice(i + by, 0, k!);
    onChange(next);
  };
  return (
    <details className="popover">
      <summary className="button">{t('register.columns.button')}</summary>
      <div className="popover__body" role="group" aria-label={t('register.columns.title')}>
        <p className="popover__title">{t('register.columns.title')}</p>
        <ol className="column-list">
          {[...value, ...hidden].map((k) => {
            const shown = value.includes(k);
            const i = value.indexOf(k);
            const name = t(`register.columns.${k}`);
            return (
              <li key={k}>
                <label className="check">
                  <input
                    type="checkbox"
                    className="checkbox"
                    checked={shown}
                    disabled={k === 'name'}
                    onChange={() => onChange(shown ? value.filter((x) => x !== k) : [...value, k])}
                  />
                  {name}
                </label>
                {shown ? (
                  <span className="column-list__moves">
                    <button
                      type="button"
                      className="button button--icon button--quiet"
                      aria-label={t('register.columns.up', { name })}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button button--icon button--quiet"
                      aria-label={t('register.columns.down', { name })}
                      disabled={i === value.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </button>
                  </span>
                ) : null}
              </li>
            );
          })}
        </ol>
      </div>
    </details>
  );
}
