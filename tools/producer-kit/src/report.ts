import type { Problem } from '@educube/contracts';

/** One event's verdict as the kit reports it (validate and conformance alike). */
export interface EventVerdict {
  /** From 0, in the order the events came. */
  readonly index: number;
  /** NDJSON: the line it was on; otherwise null. */
  readonly line: number | null;
  readonly id: string | null;
  readonly type: string | null;
  readonly ok: boolean;
  readonly problems: readonly Problem[];
  /** Conformance only: how the event came (HTTP binary, structured, batch) and the hub's answer. */
  readonly binding?: string;
  readonly status?: string;
}

export interface Unreadable {
  readonly line: number | null;
  readonly column: number | null;
  readonly message: string;
}

export interface Summary {
  readonly events: number;
  readonly valid: number;
  readonly invalid: number;
  readonly unreadable: number;
}

export const summarise = (events: readonly EventVerdict[], unreadable: readonly Unreadable[]): Summary => ({
  events: events.length,
  valid: events.filter((e) => e.ok).length,
  invalid: events.filter((e) => !e.ok).length,
  unreadable: unreadable.length,
});

/** 0 all valid, 1 some event invalid, 2 some input unreadable (or nothing to check). */
export const exitCodeOf = (s: Summary): 0 | 1 | 2 => (s.unreadable > 0 || s.events === 0 ? 2 : s.invalid > 0 ? 1 : 0);

const show = (v: unknown): string => {
  const text = JSON.stringify(v);
  return text === undefined ? String(v) : text.length > 100 ? `${text.slice(0, 100)}…` : text;
};

/** The verdict of one event as text: a head line, then one indented line per problem. */
export function verdictLines(v: EventVerdict): string[] {
  const where = v.line !== null ? `line ${v.line}` : `#${v.index + 1}`;
  const how = v.binding ? ` [${v.binding}]` : '';
  const head = `${where}${how}  id=${v.id ?? '(none)'}  ${v.type ?? '(no type)'}  ${v.status ?? (v.ok ? 'ok' : 'rejected')}`;
  return [head, ...v.problems.map((p) => `    ${p.path || '(event)'}  ${p.rule}  ${p.message}${'value' in p ? `  value: ${show(p.value)}` : ''}`)];
}

export const summaryLine = (s: Summary): string =>
  `summary: ${s.events} event${s.events === 1 ? '' : 's'}, ${s.valid} valid, ${s.invalid} invalid, ${s.unreadable} unreadable`;
