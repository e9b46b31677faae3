import type { z } from 'zod';
import type { Permission } from './permissions';

/** One API method: its input and output schemas and the permission a caller needs. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** `null` only for the few calls a client makes before it has a session. */
  permission: Permission | null;
  /** One line for docs/api.md. */
  summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}
