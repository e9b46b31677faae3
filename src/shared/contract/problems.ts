// Validation problems the contract names itself. The dispatcher reports a refused input as
// `bad_request` with `field` (the issue's path) and `problem` (the issue's code). zod's own codes are
// generic (`custom`, `invalid_format`…), so checks that mean something — a camera URL without a
// scheme, a time zone nobody knows — raise an issue whose code IS the specific problem: the client
// then gets `problem: 'url_scheme'` and translates `problems.url_scheme` beside the field.
// (zod 4 keeps an issue's code as given; the contract test in problems.test.ts holds it to that.)
import type { z } from 'zod';

export const VALIDATION_PROBLEMS = [
  'url_control_chars',
  'url_too_long',
  'url_no_scheme',
  'url_scheme',
  'url_userinfo',
  'url_host',
  'url_port',
  'url_invalid',
  'url_credentials_conflict',
  'time_zone',
  'date',
  'coordinate_range',
  'coordinate_half',
  'lat_lon_swapped',
  'outside_vietnam',
  // Recording: a timetable slot that ends before it starts; a time range that is empty or too long.
  'schedule_slot',
  'time_range',
  // A text field over its cap (incident description, comment…): the form says the cap beside it.
  'text_too_long',
] as const;
export type ValidationProblem = (typeof VALIDATION_PROBLEMS)[number];

/** Adds an issue whose code is the problem, at `path` relative to the schema being refined. */
export function addProblem(
  ctx: Pick<z.core.$RefinementCtx, 'addIssue'>,
  problem: ValidationProblem,
  path: PropertyKey[],
  input: unknown,
  params: Record<string, string | number> = {},
): void {
  ctx.addIssue({
    // The cast is the point of this module: see the comment at the top.
    code: problem as 'custom',
    path,
    input,
    params,
    message: problem,
  });
}

export function isValidationProblem(code: unknown): code is ValidationProblem {
  return typeof code === 'string' && (VALIDATION_PROBLEMS as readonly string[]).includes(code);
}
