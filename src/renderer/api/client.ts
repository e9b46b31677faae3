// The renderer's typed client, derived from the contract: `api.call('settings.get', {})` is checked
// against the method's input and output schemas at compile time.
import { api, type CoreEvent, type MethodInput, type MethodName, type MethodOutput } from '../../shared/contract';
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

/** The sentence to show for a failed call: the translated error code, never a stack trace. */
export function errorText(t: (key: string, params?: Record<string, unknown>) => string, err: unknown): string {
  return err instanceof ApiError ? t(`errors.${err.info.code}`, err.info.params) : t('errors.internal');
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
