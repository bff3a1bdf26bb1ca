import { z } from 'zod';
import { AlertsInputError, problemsOf } from './errors';

/** Parses a batch of observations, refusing two for the same key (they would contradict each other). */
export function parseObservations<S extends z.ZodType>(schema: S, observations: unknown, key: (o: z.output<S>) => string, what: string): z.output<S>[] {
  const parsed = z.array(schema).safeParse(observations);
  if (!parsed.success) throw new AlertsInputError(what, problemsOf(parsed.error));
  const seen = new Map<string, number>();
  const problems = parsed.data.flatMap((o, i) => {
    const k = key(o);
    const first = seen.get(k);
    if (first === undefined) {
      seen.set(k, i);
      return [];
    }
    return [{ path: String(i), rule: 'unique', message: `observes ${k} again (first at ${first})` }];
  });
  if (problems.length > 0) throw new AlertsInputError(what, problems);
  return parsed.data;
}
