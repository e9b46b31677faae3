import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/contract';
import { errorText } from '../../api/client';
import { useApp } from '../../app/app-context';
import { Page } from '../../app/Page';
import { FieldError } from '../../app/Dialog';
import { LanguageSwitch } from '../../auth/LanguageSwitch';
import { DeviceSettings } from '../../devices/DeviceSettings';
import { formatBytes, systemLanguage, type Language } from '../../i18n';
import { zoneOptions } from '../../i18n/zones';
import { DisplaySettings } from './DisplaySettings';

/** A number field's own check, so the officer reads what is wrong in words, not a raw field name. */
function inRange(value: string, min: number, max: number): number | null {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const { api, settings, system, updateSettings, can } = useApp();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [backingUp, setBackingUp] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<{ dwell?: string; idle?: string; centre?: string }>({});
  const lang = i18n.language as Language;
  const zones = useMemo(() => zoneOptions(lang), [lang]);

  const save = async (patch: Partial<Settings>) => {
    try {
      await updateSettings(patch);
      setMessage({ kind: 'ok', text: t('pages.settings.saved') });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(t, err) });
    }
  };

  const backup = async () => {
    setBackingUp(true);
    setMessage(null);
    try {
      const r = await api.call('system.backup', {});
      setMessage({ kind: 'ok', text: t('pages.settings.backupDone', { file: r.file, size: formatBytes(r.bytes, lang) }) });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(t, err) });
    } finally {
      setBackingUp(false);
    }
  };

  const knownZone = [...zones.common, ...zones.all].some((z) => z.id === settings.timeZone);

  return (
    <Page title={t('pages.settings.title')}>
      <div className="settings">
        {can('settings.manage') ? (
          <section className="card" aria-labelledby="settings-general">
            <h2 id="settings-general">{t('pages.settings.general')}</h2>
            <label className="field">
              <span>{t('pages.settings.language')}</span>
              <select className="input" value={settings.language} onChange={(e) => void save({ language: e.target.value as Settings['language'] })}>
                <option value="system">{t('pages.settings.languageSystem', { lang: systemLanguage() === 'vi' ? 'Tiếng Việt' : 'English' })}</option>
                <option value="vi">Tiếng Việt</option>
                <option value="en">English</option>
              </select>
            </label>
            <label className="field">
              <span>{t('pages.settings.timeZone')}</span>
              <select className="input" value={settings.timeZone} onChange={(e) => void save({ timeZone: e.target.value })}>
                {knownZone ? null : <option value={settings.timeZone}>{settings.timeZone}</option>}
                <optgroup label={t('pages.settings.zonesCommon')}>
                  {zones.common.map((z) => (
                    <option key={z.id} value={z.id}>
                      {z.label}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('pages.settings.zonesAll')}>
                  {zones.all.map((z) => (
                    <option key={z.id} value={z.id}>
                      {z.label}
                    </option>
                  ))}
                </optgroup>
              </select>
            </label>
            <label className="field">
              <span>{t('pages.settings.centreName')}</span>
              <input
                className="input"
                maxLength={120}
                defaultValue={settings.centreName}
                aria-invalid={!!fieldErrors.centre}
                aria-describedby="centre-error"
                onBlur={(e) => {
                  const v = e.target.value.trim();
                  setFieldErrors((f) => ({ ...f, centre: v ? undefined : t('validation.required', { field: t('pages.settings.centreName') }) }));
                  if (v && v !== settings.centreName) void save({ centreName: v });
                }}
              />
            </label>
            <FieldError id="centre-error" text={fieldErrors.centre ?? null} />
            <label className="field">
              <span>{t('pages.settings.tourDwell')}</span>
              <input
                className="input"
                type="number"
                min={3}
                max={3600}
                defaultValue={settings.tourDwellSeconds}
                aria-invalid={!!fieldErrors.dwell}
                aria-describedby="dwell-error"
                onBlur={(e) => {
                  const v = inRange(e.target.value, 3, 3600);
                  setFieldErrors((f) => ({ ...f, dwell: v === null ? t('validation.between', { field: t('pages.settings.tourDwell'), min: 3, max: 3600 }) : undefined }));
                  if (v !== null && v !== settings.tourDwellSeconds) void save({ tourDwellSeconds: v });
                }}
              />
            </label>
            <FieldError id="dwell-error" text={fieldErrors.dwell ?? null} />
            <label className="field">
              <span>{t('pages.settings.idleLock')}</span>
              <input
                className="input"
                type="number"
                min={0}
                max={720}
                defaultValue={settings.idleLockMinutes}
                aria-describedby="idle-lock-help idle-error"
                aria-invalid={!!fieldErrors.idle}
                onBlur={(e) => {
                  const v = inRange(e.target.value, 0, 720);
                  setFieldErrors((f) => ({ ...f, idle: v === null ? t('validation.between', { field: t('pages.settings.idleLock'), min: 0, max: 720 }) : undefined }));
                  if (v !== null && v !== settings.idleLockMinutes) void save({ idleLockMinutes: v });
                }}
              />
            </label>
            <FieldError id="idle-error" text={fieldErrors.idle ?? null} />
            <p id="idle-lock-help" className="muted">
              {t('pages.settings.idleLockHelp')}
            </p>
          </section>
        ) : (
          <section className="card" aria-labelledby="settings-personal">
            <h2 id="settings-personal">{t('pages.settings.personal')}</h2>
            <LanguageSwitch />
          </section>
        )}
        {can('settings.manage') ? <DeviceSettings save={save} /> : null}
        <DisplaySettings onError={(err) => setMessage({ kind: 'error', text: errorText(t, err) })} />
        {can('system.backup') ? (
          <section className="card" aria-labelledby="settings-backup">
            <h2 id="settings-backup">{t('pages.settings.backup')}</h2>
            <p className="muted">{t('pages.settings.backupHelp')}</p>
            <button type="button" className="button button--primary" onClick={() => void backup()} disabled={backingUp}>
              {backingUp ? t('pages.settings.backupRunning') : t('pages.settings.backupNow')}
            </button>
          </section>
        ) : null}
        <section className="card" aria-labelledby="settings-about">
          <h2 id="settings-about">{t('pages.settings.about')}</h2>
          <p>{t('pages.settings.version', { version: system.version })}</p>
          <p className="muted mono">{t('pages.settings.dataDir', { dir: system.dataDir })}</p>
        </section>
        {message ? (
          <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message message--${message.kind}`}>
            {message.text}
          </p>
        ) : null}
      </div>
    </Page>
  );
}
