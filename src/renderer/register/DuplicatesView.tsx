// The duplicate check: cameras within a set distance of each other facing the same way, listed for
// review (the plans insist on no two cameras on one spot).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';

export function DuplicatesView() {
  const { t } = useTranslation();
  const { api } = useApp();
  const [metres, setMetres] = useState(15);
  const [degrees, setDegrees] = useState(30);
  const [result, setResult] = useState<MethodOutput<'register.duplicates'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const find = useCallback(
    () =>
      api.call('register.duplicates', { metres, degrees }).then(
        (r) => (setResult(r), setError(null)),
        (err: unknown) => setError(errorText(t, err)),
      ),
    [api, metres, degrees, t],
  );
  useEffect(() => void find(), [find]);
  return (
    <div className="register-view">
      <h2>{t('register.duplicates.title')}</h2>
      <p className="muted">{t('register.duplicates.help')}</p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <label className="inline-field">
          {t('register.duplicates.metres')}
          <input
            type="number"
            className="input input--narrow"
            min={0}
            max={1000}
            value={metres}
            onChange={(e) => setMetres(Number(e.target.value))}
          />
        </label>
        <label className="inline-field">
          {t('register.duplicates.degrees')}
          <input
            type="number"
            className="input input--narrow"
            min={0}
            max={180}
            value={degrees}
            onChange={(e) => setDegrees(Number(e.target.value))}
          />
        </label>
        <button type="submit" className="button">
          {t('register.duplicates.find')}
        </button>
      </form>
      {error ? (
        <p role="alert" className="message message--error">
          {error}
        </p>
      ) : null}
      {result && result.pairs.length === 0 ? <p role="status">{t('register.duplicates.none')}</p> : null}
      {result && result.pairs.length ? (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('register.columns.name')}</th>
                <th scope="col">{t('register.columns.name')}</th>
                <th scope="col">{t('register.columns.point')}</th>
                <th scope="col">{t('register.duplicates.metres')}</th>
              </tr>
            </thead>
            <tbody>
              {result.pairs.map((p) => (
                <tr key={`${p.a.id}${p.b.id}`}>
                  <td>{p.a.name}</td>
                  <td>{p.b.name}</td>
                  <td>{p.a.pointId === p.b.pointId ? p.a.pointName : `${p.a.pointName} / ${p.b.pointName}`}</td>
                  <td>
                    {t('register.duplicates.pair', {
                      metres: p.metres,
                      degrees:
                        p.headingDifference === null
                          ? t('register.duplicates.noHeading')
                          : t('register.duplicates.sameWay', { degrees: Math.round(p.headingDifference) }),
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {result?.more ? <p>{t('register.duplicates.more')}</p> : null}
    </div>
  );
}
