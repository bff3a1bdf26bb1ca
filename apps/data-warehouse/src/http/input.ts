import { isMonth, monthSpan } from '@educube/warehouse-read-models';
import { z } from 'zod';
import { jsonBodyOf, parseRequest } from '@educube/service-kit';

/** Parses a request part with its zod schema; a refusal is a 400 problem naming every field (JSON Pointer) and its rule. */
export function parsed<S extends z.ZodType>(schema: S, input: unknown, part: 'query' | 'body' | 'path'): z.output<S> {
  return parseRequest(schema, input, part === 'path' ? 'params' : part);
}

/** A JSON body: the warehouse reads `application/json` bodies as bytes (so ingestion keeps them exactly), so other routes parse them here. */
export const jsonBody = jsonBodyOf;

export const MAX_MONTHS = 60;
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
export const regionCode = z.string().regex(/^\d{6}$/, 'a 6-digit administrative region code');
export const schoolCode = z.string().regex(/^\d{10}$/, 'a 10-digit school code');

/** from ≤ to, at most MAX_MONTHS months. */
export function monthRange(v: { from: string; to: string }, ctx: z.RefinementCtx): void {
  // a month already refused by its pattern is not compared again
  if (!isMonth(v.from) || !isMonth(v.to)) return;
  if (v.to < v.from)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `to (${v.to}) is before from (${v.from})`, params: { rule: 'from-not-after-to' }, input: v.to });
  else if (monthSpan(v.from, v.to) > MAX_MONTHS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_MONTHS} months per request`, params: { rule: 'max-months' }, input: v.to });
}

export const rangeQuery = z.object({ from: month, to: month }).superRefine(monthRange);
