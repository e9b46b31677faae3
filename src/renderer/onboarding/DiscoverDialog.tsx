// "Discover cameras": a WS-Discovery probe and/or a range scan run by the core, with progress
// (count and time left) and cancel; a table of what answered (make, model, address, firmware, MAC,
// already registered); tick rows, name them, give one set of credentials and a place, and add
// them all, each row with its own result.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscoveredDevice, DiscoveryJob, RegisterTree } from '../../shared/contract';
import { ApiError, errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { PlacePicker, usePlace } from './PlacePicker';
import './onboarding.css';

type Result = { ok: boolean; name: string | null; error: string | null };

const DEFAULT_PORTS = '80, 8000, 8080, 8899, 2020';

function parseTarget(text: string): { address: string; port: number } | undefined {
  const m = /^\s*(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?\s*$/.exec(text);
  return m ? { address: m[1]!, port: m[2] ? Number(m[2]) : 3702 } : undefined;
}

const suggested = (d: DiscoveredDevice) => d.name || [d.manufacturer, d.model].filter(Boolean).join(' ') || d.address;

export function DiscoverDialog({ tree, onClose }: { tree: RegisterTree; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const ref = useRef<HTMLDialogElement>(null);
  const [probe, setProbe] = useState(true);
  const [target, setTarget] = useState('');
  const [scan, setScan] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [ports, setPorts] = useState(DEFAULT_PORTS);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [job, setJob] = useState<Omit<DiscoveryJob, 'devices'> | null>(null);
  const [devices, setDevices] = useState<Map<string, DiscoveredDevice>>(new Map());
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  const [results, setResults] = useState<Map<string, Result>>(new Map());
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const place = usePlace(tree);
  const jobId = job?.id ?? null;

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  // Progress and finds arrive as events; the finished job is read once in full.
  useEffect(() => {
    if (!jobId) return;
    const off = api.on('discovery.progress', (e) => {
      if (e.jobId !== jobId) return;
      const { devices: found, type: _type, jobId: _id, ...progress } = e;
      setJob((j) => (j ? { ...j, ...progress } : j));
      if (found.length) setDevices((m) => new Map([...m, ...found.map((d) => [d.key, d] as const)]));
      if (e.state !== 'running') void api.call('onboarding.job', { jobId }).then((full) => setDevices(new Map(full.devices.map((d) => [d.key, d]))));
    });
    return off;
  }, [api, jobId]);

  const running = job?.state === 'running';
  const start = async () => {
    setError(null);
    setResults(new Map());
    setDevices(new Map());
    setPicked(new Map());
    try {
      const portList = ports
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map(Number);
      const { jobId: id } = await api.call('onboarding.discover', {
        probe,
        ...(probe && parseTarget(target) ? { probeTarget: parseTarget(target)! } : {}),
        ...(scan ? { range: { from: from.trim(), to: (to.trim() || from).trim() }, ports: portList } : {}),
        ...(username ? { credentials: { username, password } } : {}),
      });
      setJob({ id, state: 'running', done: 0, total: 0, found: 0, elapsedMs: 0, etaMs: null, error: null });
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const cancel = () => jobId && void api.call('onboarding.cancel', { jobId }).catch(() => undefined);

  const rows = useMemo(() => [...devices.values()].sort((a, b) => a.address.localeCompare(b.address, undefined, { numeric: true })), [devices]);
  const fresh = rows.filter((d) => !d.registered && d.deviceUrl);

  const addPicked = async () => {
    setAdding(true);
    setError(null);
    try {
      const pointId = await place.resolve();
      const list = rows.filter((d) => picked.has(d.key));
      const r = await api.call('onboarding.bulkAdd', {
        username,
        password,
        pointId,
        devices: list.map((d) => ({ address: d.deviceUrl || d.address, name: picked.get(d.key)?.trim() || suggested(d), endpoint: d.endpoint })),
      });
      const next = new Map<string, Result>();
      r.results.forEach((x, i) => next.set(list[i]!.key, { ok: x.ok, name: x.name, error: x.error ? errorText(t, new ApiError(x.error)) : null }));
      setResults(next);
      setPicked(new Map([...picked].filter(([k]) => !next.get(k)?.ok)));
      if (jobId) setDevices(new Map((await api.call('onboarding.job', { jobId })).devices.map((d) => [d.key, d])));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setAdding(false);
    }
  };

  const okCount = [...results.values()].filter((r) => r.ok).length;
  const status = !job
    ? null
    : job.state === 'running'
      ? `${t('onboarding.progress', { done: job.done, total: job.total, found: job.found })} · ${job.etaMs === null ? t('onboarding.etaUnknown') : t('onboarding.eta', { seconds: Math.ceil(job.etaMs / 1000) })}`
      : job.state === 'cancelled'
        ? t('onboarding.cancelled', { found: job.found })
        : job.state === 'failed' && job.error
          ? errorText(t, new ApiError(job.error))
          : t('onboarding.done', { found: job.found, seconds: Math.max(1, Math.round(job.elapsedMs / 1000)) });

  return (
    <dialog
      ref={ref}
      className="dialog onboard"
      aria-label={t('onboarding.discover')}
      onClose={() => {
        // Closing the dialog ends a search still running: nobody would see its results.
        if (running) cancel();
        onClose();
      }}
    >
      <h2>{t('onboarding.discover')}</h2>
      <form
        className="onboard__search"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <fieldset className="onboard__box">
          <label className="check">
            <input type="checkbox" checked={probe} onChange={(e) => setProbe(e.target.checked)} />
            <span>{t('onboarding.probe')}</span>
          </label>
          <p className="muted onboard__help">{t('onboarding.probeHelp')}</p>
          <label className="field field--stack">
            <span>{t('onboarding.probeTarget')}</span>
            <input className="input mono" disabled={!probe} value={target} onChange={(e) => setTarget(e.target.value)} placeholder="192.0.2.10:3702" aria-describedby="probe-target-help" />
          </label>
          <p id="probe-target-help" className="muted onboard__help">
            {t('onboarding.probeTargetHelp')}
          </p>
        </fieldset>
        <fieldset className="onboard__box">
          <label className="check">
            <input type="checkbox" checked={scan} onChange={(e) => setScan(e.target.checked)} />
            <span>{t('onboarding.scan')}</span>
          </label>
          <div className="onboard__range">
            <label className="field field--stack">
              <span>{t('onboarding.from')}</span>
              <input className="input mono" disabled={!scan} required={scan} value={from} onChange={(e) => setFrom(e.target.value)} placeholder="192.0.2.1" />
            </label>
            <label className="field field--stack">
              <span>{t('onboarding.to')}</span>
              <input className="input mono" disabled={!scan} value={to} onChange={(e) => setTo(e.target.value)} placeholder="192.0.2.254" />
            </label>
          </div>
          <label className="field field--stack">
            <span>{t('onboarding.ports')}</span>
            <input className="input mono" disabled={!scan} value={ports} onChange={(e) => setPorts(e.target.value)} />
          </label>
        </fieldset>
        <fieldset className="onboard__box">
          <legend>{t('onboarding.credentials')}</legend>
          <label className="field field--stack">
            <span>{t('onboarding.username')}</span>
            <input className="input" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
          <label className="field field--stack">
            <span>{t('onboarding.password')}</span>
            <input className="input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <p className="muted onboard__help">{t('onboarding.credentialsHelp')}</p>
        </fieldset>
        <div className="onboard__actions">
          {running ? (
            <button type="button" className="button" onClick={cancel}>
              {t('onboarding.stop')}
            </button>
          ) : (
            <button type="submit" className="button button--primary" disabled={!probe && !scan}>
              {t('onboarding.start')}
            </button>
          )}
        </div>
      </form>

      {job ? (
        <div className="onboard__progress" role="status" aria-live="polite">
          <progress max={Math.max(1, job.total)} value={job.state === 'running' ? job.done : Math.max(1, job.total)} aria-label={t('onboarding.searching')} />
          <span>{status}</span>
        </div>
      ) : null}

      {job ? (
        <div className="onboard__table-wrap">
          {rows.length === 0 ? (
            <p className="muted">{t('onboarding.none')}</p>
          ) : (
            <table className="table onboard__table">
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('onboarding.pickAll')}
                      checked={fresh.length > 0 && fresh.every((d) => picked.has(d.key))}
                      onChange={(e) => setPicked(e.target.checked ? new Map(fresh.map((d) => [d.key, picked.get(d.key) ?? suggested(d)])) : new Map())}
                    />
                  </th>
                  <th scope="col">{t('onboarding.columns.name')}</th>
                  <th scope="col">{t('onboarding.columns.make')}</th>
                  <th scope="col">{t('onboarding.columns.model')}</th>
                  <th scope="col">{t('onboarding.columns.address')}</th>
                  <th scope="col">{t('onboarding.columns.firmware')}</th>
                  <th scope="col">{t('onboarding.columns.mac')}</th>
                  <th scope="col">{t('onboarding.columns.registered')}</th>
                  <th scope="col">{t('onboarding.columns.result')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => {
                  const r = results.get(d.key);
                  const isPicked = picked.has(d.key);
                  return (
                    <tr key={d.key} className={d.registered ? 'onboard__row--registered' : undefined}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('onboarding.pickRow', { address: d.address })}
                          disabled={!!d.registered || !d.deviceUrl}
                          checked={isPicked}
                          onChange={(e) => {
                            const next = new Map(picked);
                            if (e.target.checked) next.set(d.key, suggested(d));
                            else next.delete(d.key);
                            setPicked(next);
                          }}
                        />
                      </td>
                      <td>
                        {isPicked ? (
                          <input
                            className="input input--compact onboard__name"
                            aria-label={t('onboarding.name')}
                            value={picked.get(d.key)}
                            maxLength={200}
                            onChange={(e) => setPicked(new Map(picked).set(d.key, e.target.value))}
                          />
                        ) : (
                          (d.name ?? '')
                        )}
                        {d.refused.length ? <div className="muted onboard__help">{t('onboarding.refused', { count: d.refused.length })}</div> : null}
                      </td>
                      <td className="onboard__nowrap">{d.manufacturer ?? '–'}</td>
                      <td className="onboard__nowrap">{d.model ?? '–'}</td>
                      <td className="mono onboard__nowrap">{d.address}</td>
                      <td className="onboard__nowrap">{d.firmware ?? '–'}</td>
                      <td className="mono onboard__nowrap">{d.mac ?? '–'}</td>
                      <td>{d.registered ? t('onboarding.registeredAs', { name: d.registered.name, by: t(`onboarding.by.${d.registered.by}`) }) : t('onboarding.notRegistered')}</td>
                      <td>{r ? <span className={r.ok ? 'onboard__ok' : 'onboard__bad'}>{r.ok ? t('onboarding.added', { name: r.name }) : t('onboarding.failed', { reason: r.error })}</span> : null}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
      ) : null}

      {picked.size > 0 || results.size > 0 ? (
        <form
          className="onboard__bulk"
          onSubmit={(e) => {
            e.preventDefault();
            void addPicked();
          }}
        >
          <h3>{t('onboarding.place')}</h3>
          <div className="form-grid">
            <PlacePicker place={place} />
          </div>
          {results.size > 0 ? (
            <p role="status" className={`message message--${okCount === results.size ? 'ok' : 'error'}`}>
              {t('onboarding.summary', { ok: okCount, failed: results.size - okCount })}
            </p>
          ) : null}
          {picked.size > 0 ? (
            <div className="onboard__actions">
              <button type="submit" className="button button--primary" disabled={adding || !place.ready}>
                {adding ? t('onboarding.adding') : t('onboarding.bulkAdd', { count: picked.size })}
              </button>
            </div>
          ) : null}
        </form>
      ) : null}

      {error ? (
        <p role="alert" className="message message--error">
          {error}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => ref.current?.close()}>
          {t('onboarding.close')}
        </button>
      </div>
    </dialog>
  );
}
