// The wire format shared by both transports.
import { z } from 'zod';
import type { ErrorInfo } from '../errors';
import type { CoreEvent } from './events';
import { errorInfo } from './schemas';

/** Larger messages are refused with `message_too_large`; the connection stays up. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export const callMessage = z.object({
  kind: z.literal('call'),
  id: z.union([z.number().int(), z.string().max(64)]),
  method: z.string().max(100),
  input: z.unknown(),
});
export type CallMessage = z.infer<typeof callMessage>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export type ServerMessage =
  | ({ kind: 'result'; id: number | string | null } & Result<unknown>)
  | { kind: 'event'; event: CoreEvent };

export const resultMessage = z.union([
  z.object({ kind: z.literal('result'), id: z.union([z.number(), z.string(), z.null()]), ok: z.literal(true), value: z.unknown() }),
  z.object({ kind: z.literal('result'), id: z.union([z.number(), z.string(), z.null()]), ok: z.literal(false), error: errorInfo }),
]);
