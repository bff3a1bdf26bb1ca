import { eventRegistry, personRef, type CloudEvent, type PersonRef, type Problem } from '@educube/contracts';

export type Channel = 'http' | 'kafka';

/** Event types that say where a school sits in the organisation tree: identity publishes them, school systems may not. */
export const ORG_TREE_TYPES: ReadonlySet<string> = new Set(['cn.educube.roster.SchoolRegistered.v1']);

/** Who sent a batch: a school system's client and the schools it may speak for. */
export interface Sender {
  readonly clientId: string;
  readonly schoolCodes: readonly string[];
}

export interface ScreenContext {
  /** The receiver's clock (validation never reads the time itself). */
  readonly now: Date;
  /** Undefined: a trusted channel (Kafka, whose topics are protected by the broker; or an open embedded API). */
  readonly sender?: Sender;
  /** Whether the school exists in the organisation tree (looked up by the app before screening). */
  readonly knownSchool: (code: string) => boolean;
  /** Kafka: the record key, which must be the event's school so that a school's events stay ordered. */
  readonly kafkaKey?: string | null;
}

export type Screened =
  | { readonly status: 'valid'; readonly event: CloudEvent; readonly refs: readonly PersonRef[] }
  | {
      readonly status: 'rejected';
      readonly problems: readonly Problem[];
      readonly id: string | undefined;
      readonly schoolCode: string | undefined;
      readonly type: string | undefined;
    };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Decides whether one raw event may enter the store: its contract, then the rules only the hub
 * can check (the school exists; the sender speaks for it; the Kafka key names it; every string
 * is text PostgreSQL can store; the nesting is bounded). Every problem is reported at once, each
 * with its JSON Pointer path, rule and value, so a school system can fix all of them in one go;
 * only an event nested deeper than MAX_EVENT_DEPTH is refused on that alone, unvalidated.
 */
export function screen(raw: unknown, ctx: ScreenContext): Screened {
  const record = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const id = str(record['id']);
  const subject = str(record['subject']);
  const type = str(record['type']);
  // one iterative walk first: a string PostgreSQL cannot store, and nesting deep enough to
  // overflow the recursive code after it (validation, canonical JSON, serialisation)
  const text = textProblems(raw);
  if (text.tooDeep) return { status: 'rejected', problems: [text.tooDeep, ...text.problems], id, schoolCode: subject, type };
  const validation = eventRegistry.validate(raw, { now: ctx.now });
  const problems: Problem[] = validation.ok ? [] : [...validation.problems];
  problems.push(...text.problems);
  const subjectValid = subject !== undefined && /^\d{10}$/.test(subject);
  if (subjectValid && !ctx.knownSchool(subject)) {
    problems.push({
      path: '/subject',
      rule: 'known-school',
      message: `school ${subject} is not in the organisation tree (register it in identity first)`,
      value: subject,
    });
  }
  if (subjectValid && ctx.sender && !ctx.sender.schoolCodes.includes(subject)) {
    problems.push({
      path: '/subject',
      rule: 'own-school',
      message: `client ${ctx.sender.clientId} may send events for ${ctx.sender.schoolCodes.join(', ') || 'no school'}, not for ${subject}`,
      value: subject,
    });
  }
  // the organisation tree is identity's: its registry import places a school, never the
  // school's own systems (a timetabling system must not move its school into another city)
  if (ctx.sender && type !== undefined && ORG_TREE_TYPES.has(type)) {
    problems.push({
      path: '/type',
      rule: 'org-tree-from-identity',
      message: `${type} describes where a school sits in the organisation tree; only identity's registry import changes it, so a school system may not send it`,
      value: type,
    });
  }
  if (ctx.kafkaKey !== undefined && subject !== undefined && ctx.kafkaKey !== subject) {
    problems.push({
      path: '/subject',
      rule: 'kafka-key',
      message: `the record key ${JSON.stringify(ctx.kafkaKey)} must be the event's school ${subject}, so that one school's events stay in order`,
      value: ctx.kafkaKey,
    });
  }
  // the problems echo what was sent (paths, values, the record key): kept storable, so the dead
  // letter of an event refused for unstorable text can itself be stored
  if (!validation.ok || problems.length > 0) return { status: 'rejected', problems: problems.map(storableProblem), id, schoolCode: subject, type };
  return { status: 'valid', event: validation.event, refs: personRefsOf(validation.event.data) };
}

/**
 * Every person reference ({system, localId}) anywhere in an event's data, deduplicated: the ids
 * the warehouse must resolve to unified person ids before the event counts.
 */
export function personRefsOf(data: unknown): PersonRef[] {
  const found = new Map<string, PersonRef>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o['system'] === 'string' && typeof o['localId'] === 'string') {
      const parsed = personRef.safeParse(o);
      if (parsed.success) {
        found.set(refKey(parsed.data), parsed.data);
        return;
      }
    }
    for (const x of Object.values(o)) walk(x);
  };
  walk(data);
  return [...found.values()];
}

export const refKey = (ref: PersonRef): string => `${ref.system}/${ref.localId}`;

/** How deep an event may nest objects and arrays (the event itself is level 1). */
export const MAX_EVENT_DEPTH = 64;
/** Strings with a text problem listed one by one per event; the rest are counted in one more. */
const MAX_TEXT_PROBLEMS = 20;

// a high surrogate not followed by a low one, or a low one not preceded by a high one
// (no `u` flag: the pattern sees UTF-16 code units, which is what a lone surrogate is)
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A JSON Pointer (RFC 6901) segment. */
const segment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Text PostgreSQL can store: U+0000 and unpaired surrogates replaced by U+FFFD. For echoing a
 * refused string back (problem values, dead letters) without making the echo unstorable too.
 */
export function storableText(s: string): string {
  return suspicious(s) ? s.replaceAll('\u0000', '\ufffd').replace(LONE_SURROGATES, '\ufffd') : s;
}

/** A value with every string in it (member names too) made storable; `depth` bounds the copy. */
export function storableValue(value: unknown, depth = 8): unknown {
  if (typeof value === 'string') return storableText(value);
  if (!value || typeof value !== 'object') return value;
  if (depth <= 0) return '…';
  if (Array.isArray(value)) return value.map((v) => storableValue(v, depth - 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableValue(v, depth - 1)]));
}

/** A problem whose path, message and value PostgreSQL can store. */
export const storableProblem = (p: Problem): Problem => ({
  ...p,
  path: storableText(p.path),
  message: storableText(p.message),
  ...('value' in p ? { value: storableValue(p.value) } : {}),
});

const echo = (s: string): string => {
  const safe = storableText(s);
  return safe.length > 120 ? `${safe.slice(0, 120)}… (${safe.length} characters)` : safe;
};

const hex = (code: number): string => code.toString(16).toUpperCase().padStart(4, '0');

/** Whether a string may hold U+0000 or a lone surrogate: one pass over its code units, no allocation. */
function suspicious(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c === 0 || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

/** The problems of one string (a member name or a value): NUL, then unpaired surrogates. */
function stringProblems(s: string, path: () => string, parent: () => string, isKey: boolean): Problem[] {
  if (!suspicious(s)) return [];
  const out: Problem[] = [];
  const what = isKey ? `the member name ${JSON.stringify(s)} in ${parent() === '' ? 'the event' : parent()}` : 'the text';
  const fix = isKey ? 'rename the member' : 'remove it, or send binary content as base64';
  const nul = s.indexOf('\u0000');
  if (nul !== -1) {
    out.push({
      path: path(),
      rule: 'no-nul-character',
      message: `${what} holds the character U+0000 (NUL) at character ${nul + 1}, which the warehouse cannot store in JSON; ${fix}`,
      value: echo(s),
    });
  }
  const lone = LONE_SURROGATE.exec(s);
  if (lone) {
    out.push({
      path: path(),
      rule: 'well-formed-unicode',
      message: `${what} holds an unpaired UTF-16 surrogate (\\u${hex(s.charCodeAt(lone.index))}) at character ${lone.index + 1}: half of a character, not text (a string cut in the middle of an emoji or a rare character?); send well-formed Unicode`,
      value: echo(s),
    });
  }
  return out;
}

/** A node met on the walk; its JSON Pointer is built only when a problem needs it. */
interface Node {
  readonly value: unknown;
  readonly parent: Node | undefined;
  /** its member name or array index in the parent */
  readonly key: string | number;
  readonly depth: number;
  /** set on the entry that stands for a member name rather than its value */
  readonly isName?: true;
}

/** The JSON Pointer of a node, from storable member names, so a problem can always be kept. */
function pointer(node: Node | undefined): string {
  const segments: string[] = [];
  for (let n = node; n?.parent !== undefined; n = n.parent) segments.push(typeof n.key === 'number' ? String(n.key) : segment(storableText(n.key)));
  return segments.length === 0 ? '' : `/${segments.reverse().join('/')}`;
}

/**
 * One walk over a raw event, iterative (no recursion, whatever the nesting): every string,
 * member names included, that holds U+0000 or an unpaired UTF-16 surrogate (valid JSON, valid
 * for the contract, refused by PostgreSQL's jsonb), each named by its JSON Pointer; and whether
 * the event nests deeper than `maxDepth`, in which case the walk stops there.
 */
export function textProblems(raw: unknown, maxDepth = MAX_EVENT_DEPTH): { problems: Problem[]; tooDeep?: Problem } {
  const problems: Problem[] = [];
  let omitted = 0;
  let omittedRule = '';
  const add = (found: readonly Problem[]): void => {
    for (const p of found) {
      if (problems.length < MAX_TEXT_PROBLEMS) problems.push(p);
      else {
        omitted += 1;
        omittedRule ||= p.rule;
      }
    }
  };
  // children are pushed in reverse (a member's name just above its value), so problems come
  // in document order
  const stack: Node[] = [{ value: raw, parent: undefined, key: '', depth: 1 }];
  let tooDeep: Problem | undefined;
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const { value, depth } = node;
    if (typeof value === 'string') {
      if (node.isName)
        add(
          stringProblems(
            value,
            () => pointer(node),
            () => pointer(node.parent),
            true,
          ),
        );
      else
        add(
          stringProblems(
            value,
            () => pointer(node),
            () => '',
            false,
          ),
        );
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth > maxDepth) {
      const at = pointer(node);
      tooDeep = {
        path: at,
        rule: 'max-depth',
        message: `the event nests objects and arrays more than ${maxDepth} levels deep (level ${depth} starts at ${at}); flatten the data`,
        value: depth,
      };
      break;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1) stack.push({ value: value[i], parent: node, key: i, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    for (let k = keys.length - 1; k >= 0; k -= 1) {
      const key = keys[k] as string;
      // the name's entry has the member's pointer too: "the member name … in <its parent>"
      stack.push({ value: (value as Record<string, unknown>)[key], parent: node, key, depth: depth + 1 });
      stack.push({ value: key, parent: node, key, depth: depth + 1, isName: true });
    }
  }
  if (omitted > 0)
    problems.push({
      path: '',
      rule: omittedRule,
      message: `and ${omitted} more strings holding U+0000 or unpaired surrogates (only the first ${MAX_TEXT_PROBLEMS} are listed)`,
      value: omitted,
    });
  return tooDeep ? { problems, tooDeep } : { problems };
}
