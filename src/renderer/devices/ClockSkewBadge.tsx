import { useTranslation } from 'react-i18next';
import type { CameraDevice } from '../../shared/contract';
import { formatOffset, useDevices } from './use-devices';

/** A camera whose clock is off by more than the threshold says so on its tile and in the register. */
export function ClockSkewBadge({ cameraId, className = 'tile__badge' }: { cameraId: string; className?: string }) {
  return <ClockSkewNote device={useDevices().get(cameraId)} className={className} />;
}

/** The camera's clock is off far enough to say so beside its name. */
export function showsClockSkew(device: CameraDevice | undefined): device is CameraDevice & { clockOffsetMs: number } {
  return !!device?.clockSkewed && device.clockOffsetMs !== null;
}

/**
 * The same note from facts already in hand: the camera table reads the devices once for all its
 * rows (a subscription per row, made and dropped as rows scroll by, cost a tenth of a new row).
 */
export function ClockSkewNote({ device, className }: { device: CameraDevice | undefined; className: string }) {
  if (!showsClockSkew(device)) return null;
  return <SkewNote offsetMs={device.clockOffsetMs} className={className} />;
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
