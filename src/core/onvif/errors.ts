// Errors of the ONVIF library: an AppError (code + params the UI translates, src/shared/errors.ts)
// that also carries what a service may want to look at (the SOAP fault, the HTTP status).
// Params never hold credentials: `address` is host:port only.
import { AppError, type ErrorCode, type ErrorParams } from '../../shared/errors';

export interface SoapFaultInfo {
  /** Local names, prefixes stripped: `Sender`, `Client`, ... */
  code: string;
  /** Nested subcodes, outermost first, prefixes stripped: `NotAuthorized`, `InvalidArgVal`, ... */
  subcodes: string[];
  reason: string;
}

export class OnvifError extends AppError {
  constructor(
    code: ErrorCode,
    params: ErrorParams,
    readonly extra: { fault?: SoapFaultInfo; httpStatus?: number; cause?: unknown } = {},
  ) {
    super(code, params, { cause: extra.cause });
    this.name = 'OnvifError';
  }
}

/** host:port of a URL, for error params and logs (never user:password). */
export function addressOf(url: string | URL): string {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    return u.host;
  } catch {
    return '?';
  }
}

export const timeoutError = (address: string, timeoutMs: number) => new OnvifError('camera_timeout', { address, timeoutMs });

export const unreachableError = (address: string, reason: string, cause?: unknown) =>
  new OnvifError('camera_unreachable', { address, reason }, { cause });

export const badResponseError = (address: string, reason: string, extra: OnvifError['extra'] = {}) =>
  new OnvifError('camera_bad_response', { address, reason }, extra);

export const authFailedError = (address: string, extra: OnvifError['extra'] = {}) => new OnvifError('camera_auth_failed', { address }, extra);

export const notSupportedError = (address: string, feature: string, extra: OnvifError['extra'] = {}) =>
  new OnvifError('onvif_not_supported', { address, feature }, extra);

export const cancelledError = () => new OnvifError('onvif_cancelled', {});

export function isOnvifError(err: unknown, code?: ErrorCode): err is OnvifError {
  return err instanceof OnvifError && (code === undefined || err.code === code);
}

// Subcodes and fault codes that mean "who are you?": ONVIF's ter:NotAuthorized (Hikvision, Axis,
// Dahua and the lab), WS-Security's wsse:FailedAuthentication / InvalidSecurity (SOAP 1.1 stacks).
const AUTH_CODES = new Set(['NotAuthorized', 'FailedAuthentication', 'InvalidSecurity', 'InvalidSecurityToken', 'FailedCheck']);

export function isAuthFault(fault: SoapFaultInfo | undefined): boolean {
  if (!fault) return false;
  if (AUTH_CODES.has(fault.code) || fault.subcodes.some((s) => AUTH_CODES.has(s))) return true;
  // Some firmwares put the news only in the reason text ("Sender not Authorized").
  return /not\s+authori[sz]ed|unauthori[sz]ed|authentication failed|invalid (?:user|password)/i.test(fault.reason);
}

/** ONVIF says "not supported" in a few ways (ter:ActionNotSupported, ter:NoPTZProfile, ...). */
export function isNotSupportedFault(fault: SoapFaultInfo | undefined): boolean {
  if (!fault) return false;
  const all = [fault.code, ...fault.subcodes];
  return all.some((s) => /^(?:ActionNotSupported|NotSupported|NoPTZProfile|NoSuchService|InvalidOperation)$/.test(s)) || /not (?:be )?supported|not implemented/i.test(fault.reason);
}
