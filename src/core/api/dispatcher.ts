// The one place every call passes through, whatever the transport: look up the method, check the
// session, the caller's permission and the console lock, validate the input against the contract,
// check every record it names against the caller's area scope, run the handler, check the output
// against the contract, and write the audit trail as the contract declares. Every failure becomes
// a typed, translatable error; no stack trace leaves the core.
import { z } from 'zod';
import { api, isMethodName, type Api, type MethodName, type MethodOutput, type MethodParsedInput, type Result, type TargetKind } from '../../shared/contract';
import { AppError, toErrorInfo, type ErrorInfo } from '../../shared/errors';
import type { AccessPolicy } from '../auth/access-policy';
import type { CallSource } from '../auth/auth-service';
import { can, type Principal } from '../auth/principal';
import { createLogger } from '../log/logger';
import { auditDetails, type AuditSink } from './audit-sink';

const log = createLogger('api');

/** Who is calling and from where: the transport establishes it (session cookie, Electron window). */
export interface CallContext {
  principal: Principal | null;
  source: CallSource;
  /** Only transports that can hand a client a session (serve's HTTP route, Electron's bridge) set this. */
  setSession?: (token: string | null) => void;
  /** Set by sign-in and first start: the audit entry names who signed in. */
  actor?: { userId: string | null; username: string };
}

/** A handler always has a principal unless its method's permission is null. */
export type Handlers = {
  [M in MethodName]: (
    input: MethodParsedInput<M>,
    ctx: Api[M]['permission'] extends null ? CallContext : CallContext & { principal: Principal },
  ) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export interface Dispatcher {
  call(method: string, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

export interface DispatcherDeps {
  handlers: Handlers;
  access: AccessPolicy;
  audit: AuditSink;
  /** Check every answer against the contract's output schema (tests and development). */
  checkOutputs?: boolean;
}

function validationParams(err: z.ZodError): Record<string, string | number> {
  const first = err.issues[0];
  // A custom message is a problem code the UI translates (e.g. `url_scheme`); zod's own are generic.
  const problem = first?.code === 'custom' || (first?.message && /^[a-z_]+$/.test(first.message)) ? first.message : (first?.code ?? 'invalid');
  const out: Record<string, string | number> = { field: first?.path.join('.') || '(input)', problem };
  // The limits and the kind of value, so the UI can say what is wrong ("at most 3600"), not only where.
  if (first && 'minimum' in first && (typeof first.minimum === 'number' || typeof first.minimum === 'bigint')) out.minimum = Number(first.minimum);
  if (first && 'maximum' in first && (typeof first.maximum === 'number' || typeof first.maximum === 'bigint')) out.maximum = Number(first.maximum);
  if (first && 'origin' in first && typeof first.origin === 'string') out.origin = first.origin;
  return out;
}

/** What a create or change answered with, named for the audit trail (its id, and a name people know). */
function madeRecord(method: string, value: unknown): { kind: string; id: string; name: string | null } | null {
  if (!value || typeof value !== 'object' || !('id' in value) || typeof value.id !== 'string') return null;
  const v = value as Record<string, unknown>;
  const name = [v.name, v.displayName, v.username].find((x): x is string => typeof x === 'string') ?? null;
  return { kind: method.split('.')[0]!, id: value.id, name };
}

const fail = (error: ErrorInfo): Result<unknown> => ({ ok: false, error });

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { handlers, access, audit } = deps;
  const checkOutputs = deps.checkOutputs ?? false;

  const write = (ctx: CallContext, action: string, outcome: 'ok' | 'denied' | 'failed', input: unknown, extra: Record<string, string | number | null>, target: { kind: string; id: string } | null) => {
    const actor = ctx.actor ?? (ctx.principal ? { userId: ctx.principal.user.id, username: ctx.principal.user.username } : { userId: null, username: null });
    return audit
      .append({ actor, action, outcome, target, details: { ...auditDetails(input), ...extra }, source: ctx.source.address })
      .catch((err: unknown) => log.error('audit append failed', { action, error: err instanceof Error ? err.message : String(err) }));
  };

  return {
    async call(method, input, ctx) {
      if (!isMethodName(method)) return fail({ code: 'unknown_method', params: { method: String(method).slice(0, 100) } });
      const spec = api[method];
      const denied = async (error: ErrorInfo, target: { kind: string; id: string } | null = null) => {
        await write(ctx, method, 'denied', input, { error: error.code }, target);
        return fail(error);
      };
      if (spec.transport === 'http' && !ctx.setSession) return fail({ code: 'use_http', params: { method } });
      const principal = ctx.principal;
      if (spec.permission) {
        if (!principal) return denied({ code: 'session_required', params: {} });
        if (principal.locked && spec.audit === 'write' && method !== 'session.signOut') return denied({ code: 'session_locked', params: {} });
        if (!can(principal, spec.permission)) return denied({ code: 'permission_denied', params: { method, permission: spec.permission } });
      }
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) return fail({ code: 'bad_request', params: { method, ...validationParams(parsed.error) } });
      let target: { kind: TargetKind; id: string } | null = null;
      const targets = (spec as { targets?: Record<string, TargetKind> }).targets;
      if (targets && principal) {
        for (const [field, kind] of Object.entries(targets)) {
          const value = (parsed.data as Record<string, unknown>)[field];
          if (value === undefined) continue;
          // A list of ids (several cameras in one playback or export) is checked id by id.
          for (const one of Array.isArray(value) ? value : [value]) {
            const id = typeof one === 'string' ? one : null;
            // Out of scope and absent read the same: a ward account learns nothing of other wards.
            if (!access.targetVisible(principal, kind, id)) return denied({ code: 'not_found', params: { kind, id: id ?? '' } }, { kind, id: id ?? '' });
            target ??= id ? { kind, id } : null;
          }
        }
      }
      const started = performance.now();
      let value: unknown;
      try {
        const handler = handlers[method] as (i: unknown, c: CallContext) => unknown;
        value = await handler(parsed.data, ctx);
      } catch (err) {
        const error: ErrorInfo =
          err instanceof z.ZodError ? { code: 'bad_request', params: { method, ...validationParams(err) } } : toErrorInfo(err);
        if (!(err instanceof AppError) && !(err instanceof z.ZodError)) log.error(`call ${method} failed`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        if (spec.audit !== 'none') await write(ctx, method, error.code === 'permission_denied' ? 'denied' : 'failed', input, { error: error.code }, target);
        return fail(error);
      }
      const ms = performance.now() - started;
      if (ms > 40) log.warn(`slow call ${method}`, { ms: Math.round(ms) });
      if (checkOutputs) {
        const out = spec.output.safeParse(value);
        if (!out.success) {
          log.error(`call ${method} answered outside its contract`, { issue: JSON.stringify(out.error.issues[0]).slice(0, 500) });
          return fail({ code: 'internal', params: {} });
        }
      }
      if (spec.audit !== 'none') {
        const made = madeRecord(method, value);
        await write(ctx, method, 'ok', input, {}, target ?? made);
      }
      return { ok: true, value };
    },
  };
}
