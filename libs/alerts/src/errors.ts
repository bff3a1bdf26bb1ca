import type { z } from 'zod';

/** One thing wrong with an input: where (a dotted path), which rule, and what to do about it. */
export interface Problem {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * Thrown when a configuration or a batch of observations does not have the right shape. Every
 * problem is listed (not only the first), each naming its field, e.g.
 * `silentSource.silentAfterMinutes: Too small: expected number to be >=1`.
 */
export class AlertsInputError extends Error {
  constructor(
    readonly what: string,
    readonly problems: readonly Problem[],
  ) {
    super(`invalid ${what}: ${problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ')}`);
    this.name = 'AlertsInputError';
  }
}

export const problemsOf = (error: z.ZodError, prefix = ''): Problem[] =>
  error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), rule: i.code, message: i.message }));

/** Parses `value` with `schema` or throws an AlertsInputError listing every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AlertsInputError(what, problemsOf(parsed.error));
  return parsed.data;
}
