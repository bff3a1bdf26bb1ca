import { GraphQLError } from 'graphql';

/** A bad argument names the argument and the rule, like every other refusal of the hub. */
export const badInput = (argument: string, rule: string, message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument, rule } });

export function dateArg(value: string | undefined, argument = 'asOf'): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw badInput(argument, 'date', `${argument} must be a date YYYY-MM-DD, not ${JSON.stringify(value).slice(0, 40)}`);
  return value;
}

const monthOk = (m: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(m);

/** A month window, default the twelve months up to this one (China time). */
export function monthsArg(from: string | undefined, to: string | undefined, now = new Date()): { from: string; to: string } {
  for (const [name, v] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (v !== undefined && v !== null && !monthOk(v)) throw badInput(name, 'month', `${name} must be a month YYYY-MM, not ${JSON.stringify(v).slice(0, 40)}`);
  const china = new Date(now.getTime() + 8 * 3_600_000);
  const end = to ?? china.toISOString().slice(0, 7);
  const [y, m] = end.split('-').map(Number) as [number, number];
  const start = from ?? `${m === 12 ? y : y - 1}-${String((m % 12) + 1).padStart(2, '0')}`;
  if (start > end) throw badInput('from', 'window', `from (${start}) is after to (${end})`);
  const span = (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(end.slice(5)) - Number(start.slice(5));
  if (span >= 60) throw badInput('from', 'window', `a window is at most 60 months; ${start}..${end} is ${span + 1}`);
  return { from: start, to: end };
}

export function firstArg(first: number | undefined, max = 200, fallback = 50): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > max) throw badInput('first', 'range', `first is 1..${max}, not ${n}`);
  return n;
}
