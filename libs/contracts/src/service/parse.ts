import type { z } from 'zod';

/** One field of a service's answer that does not match its contract. */
export interface ContractFault {
  /** JSON Pointer into the answer */
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * A service answered something its contract does not describe: a deployment where the two
 * sides disagree. The message names every field, so the log says what to fix.
 */
export class ContractMismatch extends Error {
  constructor(
    readonly what: string,
    readonly faults: readonly ContractFault[],
  ) {
    super(`${what} does not match its contract: ${faults.map((f) => `${f.path || '(body)'} ${f.message} (${f.rule})`).join('; ')}`);
    this.name = 'ContractMismatch';
  }
}

const pointer = (path: readonly PropertyKey[]): string => path.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** Parses a service-to-service body with its contract; `what` names the answer for the error ("identity's answer for school 3302030001"). */
export function parseContract<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new ContractMismatch(
    what,
    result.error.issues.map((i) => ({ path: pointer(i.path), rule: i.code, message: i.message })),
  );
}

type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** What a server may return for a contract: its output type, read-only, so a domain's read-only views fit without copying. */
export type ContractBody<S extends z.ZodType> = DeepReadonly<z.output<S>>;
