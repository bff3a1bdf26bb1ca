import type { z } from 'zod';
import { envelopeSchema, EVENT_TYPE_PREFIX, normalisedEnvelope, type CloudEvent, type EventDefinition } from './envelope';
import { upcastWith, type Upcaster } from './upcast';

/** One thing wrong with an event: where (JSON Pointer), which rule, what was there. */
export interface Problem {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
  readonly value?: unknown;
}

export type Validation<E = CloudEvent> = { ok: true; event: E } | { ok: false; problems: Problem[] };

export interface ValidationOptions {
  /** The receiver's clock; validation itself never reads the time. */
  readonly now: Date;
  /** How far in the future an event's time may be before it is refused (clock skew). */
  readonly maxFutureSkewMs?: number;
}

export const DEFAULT_MAX_FUTURE_SKEW_MS = 5 * 60_000;

export class EventRegistry {
  private readonly byType = new Map<string, EventDefinition>();
  private readonly upcasters = new Map<string, Upcaster>();

  constructor(
    readonly definitions: readonly EventDefinition[],
    upcasters: readonly Upcaster[] = [],
  ) {
    for (const def of definitions) {
      if (this.byType.has(def.type)) throw new Error(`event type ${def.type} is defined twice`);
      this.byType.set(def.type, def);
    }
    for (const u of upcasters) {
      if (!this.byType.has(u.from.type) || !this.byType.has(u.to.type))
        throw new Error(`upcaster ${u.from.type} → ${u.to.type}: both versions must be registered`);
      if (this.upcasters.has(u.from.type)) throw new Error(`event type ${u.from.type} has two upcasters`);
      this.upcasters.set(u.from.type, u);
    }
  }

  /** The types read in a newer version's shape (each has an upcaster). */
  get upcastTypes(): readonly string[] {
    return [...this.upcasters.keys()];
  }

  /**
   * A valid event in the shape of the newest version its upcasters reach (`LessonTimetabled.v1`
   * reads as `.v2`); other events as they are. For readers (projections, facts), on read: the
   * store keeps what the producer sent.
   */
  upcast(event: CloudEvent): CloudEvent {
    return upcastWith(this.upcasters, event);
  }

  get(type: string): EventDefinition | undefined {
    return this.byType.get(type);
  }

  /**
   * Checks an event against the envelope and its type's data schema and reports every
   * problem found, not only the first, so a sender fixes a batch in one round.
   */
  validate(raw: unknown, options: ValidationOptions): Validation {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return { ok: false, problems: [{ path: '', rule: 'type', message: 'an event must be a JSON object', value: describe(raw) }] };
    }
    const problems: Problem[] = [];
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) problems.push(...toProblems(envelope.error.issues, raw, ''));

    const record = raw as Record<string, unknown>;
    const type = record['type'];
    let data: unknown = record['data'];
    if (typeof type === 'string') {
      const def = this.byType.get(type);
      if (!def) {
        problems.push(this.unknownType(type));
      } else if (!('data' in record)) {
        // the envelope already reported the missing data
      } else {
        const parsed = def.data.safeParse(record['data']);
        if (parsed.success) data = parsed.data;
        else problems.push(...toProblems(fieldsFirst(parsed.error.issues), record['data'], '/data'));
      }
    }

    const time = record['time'];
    if (envelope.success && typeof time === 'string') {
      const skew = Date.parse(time) - options.now.getTime();
      const max = options.maxFutureSkewMs ?? DEFAULT_MAX_FUTURE_SKEW_MS;
      if (skew > max) {
        problems.push({
          path: '/time',
          rule: 'not-in-future',
          message: `is ${Math.round(skew / 1000)} s ahead of the receiver's clock; at most ${Math.round(max / 1000)} s of skew is tolerated`,
          value: time,
        });
      }
    }

    // the hub keys a school's events by the school: a producer's own key must agree
    const partitionkey = record['partitionkey'];
    if (envelope.success && partitionkey !== undefined && partitionkey !== record['subject']) {
      problems.push({
        path: '/partitionkey',
        rule: 'partitionkey-is-school',
        message: `the partitionkey extension must be the event's school ${String(record['subject'])} (the hub keeps one school's events in order under that key); leave it out or set it to the subject`,
        value: partitionkey,
      });
    }

    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, event: normalisedEnvelope({ ...(envelope.data as CloudEvent), data }) };
  }

  private unknownType(type: string): Problem {
    const match = /^(.+)\.v(\d+)$/.exec(type);
    const base = match?.[1];
    const versions = base ? this.definitions.filter((d) => d.type.startsWith(`${base}.v`)).map((d) => `v${d.version}`) : [];
    if (base && versions.length > 0) {
      return {
        path: '/type',
        rule: 'known-version',
        message: `version ${type.slice(base.length + 1)} of ${base} is not published; published: ${versions.join(', ')}`,
        value: type,
      };
    }
    const name = type.split('.').at(-2) ?? type;
    const similar = this.definitions.filter((d) => d.name.toLowerCase() === name.toLowerCase()).map((d) => d.type);
    return {
      path: '/type',
      rule: 'known-type',
      message:
        `is not a published event type (expected ${EVENT_TYPE_PREFIX}.<family>.<EventName>.v<version>)` +
        (similar.length ? `; did you mean ${similar.join(' or ')}?` : ''),
      value: type,
    };
  }
}

const RULES: Partial<Record<string, string>> = {
  invalid_type: 'type',
  too_small: 'min',
  too_big: 'max',
  invalid_format: 'format',
  invalid_value: 'enum',
  unrecognized_keys: 'unknown-field',
  invalid_union: 'one-of',
  not_multiple_of: 'multiple-of',
};

/**
 * Cross-field rules (custom issues) are only meaningful once every field is valid on its own:
 * while a field has its own problem, a rule comparing it would report the same mistake twice
 * or a wrong one. So they are reported after the fields are fixed.
 */
function fieldsFirst(issues: readonly z.core.$ZodIssue[]): readonly z.core.$ZodIssue[] {
  const own = issues.filter((i) => i.code !== 'custom');
  return own.length > 0 ? own : issues;
}

function toProblems(issues: readonly z.core.$ZodIssue[], root: unknown, prefix: string): Problem[] {
  return issues.flatMap((issue) => {
    const base = prefix + issue.path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: `${base}/${key}`,
        rule: 'unknown-field',
        message: 'is not a field of this event',
        value: describe(valueAt(root, [...issue.path, key])),
      }));
    }
    const missing = issue.code === 'invalid_type' && valueAt(root, issue.path) === undefined;
    const rule = missing ? 'required' : issue.code === 'custom' ? String(issue.params?.['rule'] ?? 'custom') : (RULES[issue.code] ?? issue.code);
    const problem: Problem = { path: base, rule, message: missing ? 'is required' : issue.message };
    return [missing ? problem : { ...problem, value: describe(valueAt(root, issue.path)) }];
  });
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Echoes the offending value back, bounded so a 10 MB string does not come back whole. */
function describe(value: unknown): unknown {
  if (typeof value === 'string' && value.length > 120) return `${value.slice(0, 120)}… (${value.length} characters)`;
  if (typeof value === 'object' && value !== null) {
    const json = JSON.stringify(value);
    return json.length > 200 ? `${json.slice(0, 200)}… (${json.length} characters of JSON)` : value;
  }
  return value;
}
