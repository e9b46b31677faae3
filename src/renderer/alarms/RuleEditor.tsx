// A camera's alarm rule: which kinds raise alarms, in which weekly hours (motion, tampering and video
// loss; camera health and the recorder always count), at what priority. "Active now" uses the
// same pure rule check as the core (src/shared/alarm-rules.ts).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALARM_KINDS, ALARM_PRIORITIES, DEFAULT_PRIORITY, type AlarmRule, type RegisterTree } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';

export function RuleEditor({ tree }: { tree: RegisterTree | null }) {
  const { t } = useTranslation();
  const { api, can } = useApp();
  const [cameraId, setCameraId] = useState('');
  const [rule, setRule] = useState<AlarmRule | null>(null);
  const [custom, setCustom] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const editable = can('alarms.configure');
  const days = t('book.alarms.rulesDays').split(',');

  useEffect(() => {
    if (!cameraId) return;
    let alive = true;
    void api.call('alarms.rule', { cameraId }).then((r) => {
      if (!alive) return;
      setRule(r.rule);
      setCustom(r.custom);
      setMessage(null);
    });
    return () => {
      alive = false;
    };
  }, [api, cameraId]);

  const save = (next: AlarmRule | null) =>
    void api.call('alarms.setRule', { cameraId, rule: next }).then(
      (r) => {
        setRule(r.rule);
        setCustom(r.custom);
        setMessage({ ok: true, text: t('book.alarms.rulesSaved') });
      },
      (err: unknown) => setMessage({ ok: false, text: errorText(t, err) }),
    );

  return (
    <section className="card" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('book.alarms.rules')}</h2>
      <label className="inline-field">
        {t('book.alarms.rulesCamera')}
        <select className="input" value={cameraId} onChange={(e) => setCameraId(e.target.value)}>
          <option value="">—</option>
          {(tree?.cameras ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {cameraId && rule ? (
        <fieldset className="rule" disabled={!editable}>
          <p className="muted">{custom ? t('book.alarms.rulesCustom') : t('book.alarms.rulesDefault')}</p>
          <legend className="visually-hidden">{t('book.alarms.rulesKinds')}</legend>
          <div className="rule__kinds">
            <span>{t('book.alarms.rulesKinds')}</span>
            {ALARM_KINDS.map((k) => (
              <div key={k} className="rule__kind">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={rule.kinds.includes(k)}
                    onChange={(e) => setRule({ ...rule, kinds: e.target.checked ? [...rule.kinds, k] : rule.kinds.filter((x) => x !== k) })}
                  />
                  {t(`book.kind.${k}`)}
                </label>
                <select
                  className="input input--compact"
                  aria-label={`${t(`book.kind.${k}`)}: ${t('book.alarms.popFrom')}`}
                  value={rule.priorities[k] ?? DEFAULT_PRIORITY[k]}
                  onChange={(e) => setRule({ ...rule, priorities: { ...rule.priorities, [k]: e.target.value } })}
                >
                  {ALARM_PRIORITIES.map((p) => (
                    <option key={p} value={p}>
                      {t(`book.priority.${p}`)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <p>{t('book.alarms.rulesHours')}</p>
          {rule.hours.map((w, i) => (
            <div key={i} className="rule__window">
              {days.map((d, day) => (
                <label key={day} className="check rule__day">
                  <input
                    type="checkbox"
                    checked={w.days.includes(day)}
                    onChange={(e) => {
                      const hours = [...rule.hours];
                      hours[i] = { ...w, days: e.target.checked ? [...w.days, day].sort() : w.days.filter((x) => x !== day) };
                      setRule({ ...rule, hours });
                    }}
                  />
                  {d}
                </label>
              ))}
              <label className="inline-field">
                {t('book.alarms.rulesFrom')}
                <input
                  type="time"
                  className="input input--compact"
                  value={w.from}
                  onChange={(e) => setRule({ ...rule, hours: rule.hours.map((x, j) => (j === i ? { ...x, from: e.target.value } : x)) })}
                />
              </label>
              <label className="inline-field">
                {t('book.alarms.rulesTo')}
                <input
                  type="time"
                  className="input input--compact"
                  value={w.to}
                  onChange={(e) => setRule({ ...rule, hours: rule.hours.map((x, j) => (j === i ? { ...x, to: e.target.value } : x)) })}
                />
              </label>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => setRule({ ...rule, hours: rule.hours.filter((_x, j) => j !== i) })}
              >
                {t('book.alarms.rulesRemove')}
              </button>
            </div>
          ))}
          <div className="rule__actions">
            <button
              type="button"
              className="button"
              onClick={() => setRule({ ...rule, hours: [...rule.hours, { days: [1, 2, 3, 4, 5], from: '22:00', to: '06:00' }] })}
            >
              {t('book.alarms.rulesAddHours')}
            </button>
            <button type="button" className="button button--primary" onClick={() => save(rule)}>
              {t('book.alarms.rulesSave')}
            </button>
            {custom ? (
              <button type="button" className="button" onClick={() => save(null)}>
                {t('book.alarms.rulesReset')}
              </button>
            ) : null}
          </div>
        </fieldset>
      ) : null}
      {message ? (
        <p className={`message message--${message.ok ? 'ok' : 'error'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
