import type { z } from 'zod';
import type { Permission } from './permissions';

/**
 * How a call is written to the audit trail, declared beside its permission:
 * - `none`: not audited (reads that show nothing sensitive); allowed while the console is locked.
 * - `read`: a sensitive read, audited; allowed while locked.
 * - `write`: a change, audited with its outcome; refused while the console is locked.
 * Permission refusals are audited whatever the method says.
 */
export type AuditRule = 'none' | 'read' | 'write';

/** Kinds of register record a call may name; the core checks each against the caller's area scope. */
export type TargetKind = 'camera' | 'point' | 'area';

/** One API method: its input and output schemas and the permission a caller needs. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** `null` only for the few calls a client makes before it has a session. */
  permission: Permission | null;
  audit: AuditRule;
  /**
   * Input fields that name register records, checked against the caller's area scope before the
   * handler runs (e.g. `{ cameraId: 'camera' }`). A record outside the scope and a record that does
   * not exist get the same answer (`not_found`), so a scoped user learns nothing of other areas.
   */
  targets?: Record<string, TargetKind>;
  /**
   * `http`: the call changes which session the client holds (sign-in, first administrator, sign-out),
   * so serve mode takes it as an HTTP POST that can set the cookie, and Electron's bridge keeps the
   * session itself. Everything else goes over the API socket / IPC.
   */
  transport?: 'http';
  /** One line for docs/api.md. */
  summary: string;
}

/** Keeps the permission's literal type, so handlers of signed-in methods are typed with a principal. */
export function method<I extends z.ZodType, O extends z.ZodType, P extends Permission | null>(
  spec: MethodSpec<I, O> & { permission: P },
): MethodSpec<I, O> & { permission: P } {
  return spec;
}
