import type { TFunction } from 'i18next';
import { ApiError, errorText } from '../api/client';
import { formatTime, type Language } from '../i18n';

/** Sign-in's errors, with the lock's end shown as a time of day in the console's zone. */
export function authErrorText(t: TFunction, err: unknown, lang: Language, timeZone = 'Asia/Ho_Chi_Minh'): string {
  if (err instanceof ApiError && err.info.code === 'account_locked' && typeof err.info.params.until === 'number') {
    return t('errors.account_locked', { time: formatTime(err.info.params.until, lang, timeZone) });
  }
  if (err instanceof ApiError && err.info.code === 'bad_request' && (err.info.params.field === 'password' || err.info.params.field === 'next')) {
    return t('auth.passwordShort', { min: 8 });
  }
  return errorText(t, err);
}
