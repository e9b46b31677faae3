import { useTranslation } from 'react-i18next';
import { formatOffset, useDevices } from './use-devices';

/** A camera whose clock is off by more than the threshold says so on its tile and in the register. */
export function ClockSkewBadge({ cameraId, className = 'tile__badge' }: { cameraId: string; className?: string }) {
  const d = useDevices().get(cameraId);
  if (!d?.clockSkewed || d.clockOffsetMs === null) return null;
  return <SkewNote offsetMs={d.clockOffsetMs} className={className} />;
}

/** Apart, so a row of the camera table whose clock is right costs no translation hook. */
function SkewNote({ offsetMs, className }: { offsetMs: number; className: string }) {
  const { t } = useTranslation();
  const offset = formatOffset(t, offsetMs);
  return (
    <span className={`${className} clock-skew`} role="note" title={t('devices.clockSkewHint', { offset })}>
      {t('devices.clockSkew', { offset })}
    </span>
  );
}
