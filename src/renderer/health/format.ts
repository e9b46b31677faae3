// How the Health page writes durations, shares and reasons, in the user's language.
type TFunction = (key: string, params?: Record<string, unknown>) => string;

export function durationText(t: TFunction, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return t('healthPage.duration.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('healthPage.duration.hours', { h: hours, m: minutes % 60 });
  return t('healthPage.duration.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

export function percentText(t: TFunction, share: number | null, lang: string): string {
  if (share === null) return t('healthPage.none');
  const value = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(share * 100);
  return t('healthPage.percent', { value });
}

/** A probe's reason, or an alarm detail such as `point_outage:3`. */
export function reasonText(t: TFunction, reason: string | null): string {
  if (!reason) return t('healthPage.none');
  const outage = /^point_outage:(\d+)$/.exec(reason);
  if (outage) return t('healthPage.reason.pointOutage', { count: Number(outage[1]) });
  return t(`healthPage.reason.${reason}`, { defaultValue: reason });
}
