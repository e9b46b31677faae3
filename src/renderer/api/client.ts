// The renderer's typed client, derived from the contract: `api.call('settings.get', {})` is checked
// against the method's input and output schemas at compile time.
import { api, isValidationProblem, type CoreEvent, type MethodInput, type MethodName, type MethodOutput } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/errors';
import { createBridgeTransport } from './bridge-transport';
import { createSocketTransport } from './socket-transport';
import type { ConnectionState, Transport } from './transport';

/** A failed call: carries the code and parameters the UI translates (t(`errors.${code}`)). */
export class ApiError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.code);
  }
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * "Seconds per step may be at most 3600." rather than "(tourDwellSeconds)": the field by its name
 * in the officer's language and what is wrong with it, from the dispatcher's field, problem and
 * limits. A field without a translation is "A value", never the raw name.
 */
function badRequestText(t: Translate, p: Record<string, unknown>): string {
  const path = typeof p.field === 'string' ? p.field.split('.').filter((x) => !/^\d+$/.test(x)) : [];
  const leaf = path[path.length - 1];
  if (!leaf || leaf === '(input)') return t('errors.bad_request');
  const field = t(`fields.${leaf}`, { defaultValue: t('fields.unknown') });
  const code = typeof p.problem === 'string' ? p.problem : 'invalid';
  const origin = typeof p.origin === 'string' ? p.origin : 'number';
  const kind = origin === 'string' || origin === 'array' ? origin : 'number';
  let problemKey = `fieldProblems.${code}`;
  if (code === 'too_small' && kind === 'string' && p.minimum === 1) problemKey = 'fieldProblems.required';
  else if (code === 'too_small' || code === 'too_big') problemKey = `fieldProblems.${code}_${kind}`;
  const problem = t(problemKey, { minimum: p.minimum, maximum: p.maximum, defaultValue: t('fieldProblems.invalid') });
  const text = t('errors.bad_request_field', { field, problem });
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The sentence to show for a failed call: the translated error code, never a stack trace. A field
 * the core refused for a named reason (a `problem` of our own) says that reason; other refusals
 * name the field and what is wrong with it.
 */
export function errorText(t: Translate, err: unknown): string {
  if (!(err instanceof ApiError)) return t('errors.internal');
  const { code, params } = err.info;
  if (code === 'bad_request' && isValidationProblem(params.problem)) return t(`problems.${params.problem}`, params);
  if (code === 'bad_request') return badRequestText(t, params);
  return t(`errors.${code}`, params);
}

/** The field a bad_request names and the translated reason, for showing beside that field. */
export function fieldError(t: Translate, err: unknown): { field: string; text: string } | null {
  if (!(err instanceof ApiError) || err.info.code !== 'bad_request') return null;
  const { field, problem } = err.info.params;
  if (typeof field !== 'string' || !field) return null;
  return { field, text: isValidationProblem(problem) ? t(`problems.${problem}`) : badRequestText(t, err.info.params) };
}

export class ApiClient {
  constructor(private readonly transport: Transport) {}

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    // Sign-in, first administrator and sign-out change the session: their own path (see Transport).
    const r = api[method].transport === 'http' ? await this.transport.sessionCall(method, input) : await this.transport.call(method, input);
    if (!r.ok) throw new ApiError(r.error);
    return r.value as MethodOutput<M>;
  }

  on<T extends CoreEvent['type']>(type: T, listener: (e: Extract<CoreEvent, { type: T }>) => void): () => void {
    return this.transport.onEvent((e) => {
      if (e.type === type) listener(e as Extract<CoreEvent, { type: T }>);
    });
  }

  onConnection(listener: (s: ConnectionState) => void): () => void {
    return this.transport.onConnection(listener);
  }

  onSessionEnded(listener: () => void): () => void {
    return this.transport.onSessionEnded(listener);
  }

  downloadUrl(path: string, params?: Record<string, string>): string {
    return this.transport.downloadUrl(path, params);
  }

  videoUrl(path: string, params: Record<string, string>): string {
    return this.transport.videoUrl(path, params);
  }
}

export function createClient(): ApiClient {
  return new ApiClient(window.watchfloor ? createBridgeTransport(window.watchfloor) : createSocketTransport());
}
