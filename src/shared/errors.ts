// Errors cross the UI/core boundary as a code plus parameters; the UI translates the code
// (`errors.<code>` in the locale files). A stack trace never reaches the UI.

/** Every error code the core may send to a client. The UI has a translation for each. */
export const ERROR_CODES = [
  'internal',
  'bad_request',
  'unknown_method',
  'message_too_large',
  'permission_denied',
  'not_found',
  'conflict',
  'db_newer_than_app',
  'db_locked',
  'db_corrupt',
  'db_unreadable',
  'data_dir_not_writable',
  'disk_full',
  'backup_failed',
  'camera_auth_failed',
  'camera_unreachable',
  'camera_stream_not_found',
  'camera_unsupported_codec',
  'camera_timeout',
  'camera_bad_response',
  'onvif_not_supported',
  'onvif_clock_skew',
  'onvif_address_refused',
  'onvif_cancelled',
  'ffmpeg_missing',
  'port_in_use',
  'host_unavailable',
  'demo_unavailable',
  'audit_unavailable',
  'audit_checkpoint_invalid',
  // Sign-in and sessions.
  'session_required',
  'session_locked',
  'sign_in_failed',
  'account_locked',
  'setup_done',
  'setup_not_local',
  'password_wrong',
  'password_reused',
  'last_admin',
  'role_in_use',
  'use_http',
  // The register.
  'in_use',
  'date_order',
  'area_cycle',
  'area_retired',
  'upload_too_large',
  'upload_not_found',
  'import_unreadable',
  'import_encoding',
  'import_too_many_rows',
  'import_has_problems',
  'import_running',
  'pdf_unavailable',
  // Recording and evidence export (refused before any work starts).
  'no_footage',
  'destination_unwritable',
  'destination_full',
  'file_too_large_fat32',
  // Incidents, alarms and the shift handover.
  'status_move', // an incident cannot go from its status to the one asked (params: from, to)
  'snapshot_failed', // no picture could be taken from the camera (params: reason)
  'handover_own', // the officer who signed a shift off cannot also take it over
  'handover_taken', // this handover was already acknowledged
  'export_too_large', // params: limit (rows)
  // Raised by the client's transport, never by the core: a call not sent because the core could not
  // be reached (nothing was done), and a call sent whose answer was lost (it may or may not have been).
  'core_unavailable',
  'outcome_unknown',
  // PTZ and onboarding.
  'ptz_locked',
  'camera_already_registered',
  // The map.
  'map_unreadable',
  'map_too_large',
  'map_no_pages',
  'map_not_found',
  // Repair tickets.
  'photo_not_image', // a photo that is not a JPEG or PNG by its bytes, or one that cannot be decoded
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type ErrorParams = Record<string, string | number | boolean | null>;

/** The serialisable form of an error, as sent to clients. */
export interface ErrorInfo {
  code: ErrorCode;
  params: ErrorParams;
}

/** An error the core raises on purpose: it carries a translatable code and its parameters. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown }) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`, options);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }

  toInfo(): ErrorInfo {
    return { code: this.code, params: this.params };
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Anything thrown becomes an ErrorInfo; unexpected errors are reported as `internal` only. */
export function toErrorInfo(err: unknown): ErrorInfo {
  return isAppError(err) ? err.toInfo() : { code: 'internal', params: {} };
}
