// Settings → Cameras and PTZ: how long an idle PTZ hold lasts, how far off a camera clock may be
// before it is flagged, how often the health monitor probes every camera, and after how many hours
// offline a repair ticket opens by itself (settings of the console, changed by whoever manages them).
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../shared/contract';
import { useApp } from '../app/app-context';

export function DeviceSettings({ save }: { save(patch: Partial<Settings>): Promise<void> }) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const field = (key: 'ptzIdleSeconds' | 'clockSkewSeconds' | 'healthProbeSeconds' | 'repairAutoHours', label: string, help: string, min: number, max: number) => (
    <>
      <label className="field">
        <span>{label}</span>
        <input
          className="input"
          type="number"
          min={min}
          max={max}
          defaultValue={settings[key]}
          aria-describedby={`${key}-help`}
          onBlur={(e) => {
            const v = Number(e.target.value);
            if (v !== settings[key] && v >= min && v <= max) void save({ [key]: v });
          }}
        />
      </label>
      <p id={`${key}-help`} className="muted">
        {help}
      </p>
    </>
  );
  return (
    <section className="card" aria-labelledby="settings-devices">
      <h2 id="settings-devices">{t('devices.settingsTitle')}</h2>
      {field('ptzIdleSeconds', t('devices.ptzIdle'), t('devices.ptzIdleHelp'), 5, 600)}
      {field('clockSkewSeconds', t('devices.clockSkewSetting'), t('devices.clockSkewSettingHelp'), 1, 3600)}
      {field('healthProbeSeconds', t('repair.settings.probe'), t('repair.settings.probeHelp'), 10, 3600)}
      {field('repairAutoHours', t('repair.settings.auto'), t('repair.settings.autoHelp'), 0, 720)}
    </section>
  );
}
