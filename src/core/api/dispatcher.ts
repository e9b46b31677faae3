// The one place every call passes through, whatever the transport: look up the method, validate
// the input against the contract, check the caller's permission, run the handler, and turn every
// failure into a typed, translatable error. No stack trace leaves the core.
import { z } from 'zod';
import {
  api,
  isMethodName,
  roleAllows,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
  type Result,
  type User,
} from '../../shared/contract';
import { AppError, toErrorInfo } from '../../shared/errors';
import { createLogger } from '../log/logger';

const log = createLogger('api');

/** Who is calling: the transport establishes it (session cookie, Electron window). */
export interface CallContext {
  user: User;
}

export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>, ctx: CallContext) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export interface Dispatcher {
  call(method: string, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

function validationParams(err: z.ZodError): Record<string, string> {
  const first = err.issues[0];
  return { field: first?.path.join('.') || '(input)', problem: first?.code ?? 'invalid' };
}

export function createDispatcher(handlers: Handlers): Dispatcher {
  return {
    async call(method, input, ctx) {
      if (!isMethodName(method)) return { ok: false, error: { code: 'unknown_method', params: { method: String(method).slice(0, 100) } } };
      const spec = api[method];
      if (spec.permission && !roleAllows(ctx.user.role, spec.permission)) {
        return { ok: false, error: { code: 'permission_denied', params: { method, permission: spec.permission } } };
      }
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: { code: 'bad_request', params: { method, ...validationParams(parsed.error) } } };
      const started = performance.now();
      try {
        const handler = handlers[method] as (i: unknown, c: CallContext) => unknown;
        const value = await handler(parsed.data, ctx);
        const ms = performance.now() - started;
        if (ms > 40) log.warn(`slow call ${method}`, { ms: Math.round(ms) });
        return { ok: true, value };
      } catch (err) {
        if (err instanceof z.ZodError) return { ok: false, error: { code: 'bad_request', params: { method, ...validationParams(err) } } };
        if (!(err instanceof AppError)) log.error(`call ${method} failed`, { error: err instanceof Error ? err.stack ?? err.message : String(err) });
        return { ok: false, error: toErrorInfo(err) };
      }
    },
  };
}
