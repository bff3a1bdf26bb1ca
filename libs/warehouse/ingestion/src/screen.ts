import { eventRegistry, personRef, type CloudEvent, type PersonRef, type Problem } from '@educube/contracts';

export type Channel = 'http' | 'kafka';

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
  | { readonly status: 'rejected'; readonly problems: readonly Problem[]; readonly id: string | undefined; readonly schoolCode: string | undefined; readonly type: string | undefined };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Decides whether one raw event may enter the store: its contract, then the rules only the hub
 * can check (the school exists; the sender speaks for it; the Kafka key names it). Every problem
 * is reported at once, each with its JSON Pointer path, rule and value, so a school system can
 * fix all of them in one go.
 */
export function screen(raw: unknown, ctx: ScreenContext): Screened {
  const record = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const id = str(record['id']);
  const subject = str(record['subject']);
  const type = str(record['type']);
  const validation = eventRegistry.validate(raw, { now: ctx.now });
  const problems: Problem[] = validation.ok ? [] : [...validation.problems];
  const subjectValid = subject !== undefined && /^\d{10}$/.test(subject);
  if (subjectValid && !ctx.knownSchool(subject)) {
    problems.push({ path: '/subject', rule: 'known-school', message: `school ${subject} is not in the organisation tree (register it in identity first)`, value: subject });
  }
  if (subjectValid && ctx.sender && !ctx.sender.schoolCodes.includes(subject)) {
    problems.push({ path: '/subject', rule: 'own-school', message: `client ${ctx.sender.clientId} may send events for ${ctx.sender.schoolCodes.join(', ') || 'no school'}, not for ${subject}`, value: subject });
  }
  if (ctx.kafkaKey !== undefined && subject !== undefined && ctx.kafkaKey !== subject) {
    problems.push({ path: '/subject', rule: 'kafka-key', message: `the record key ${JSON.stringify(ctx.kafkaKey)} must be the event's school ${subject}, so that one school's events stay in order`, value: ctx.kafkaKey });
  }
  if (!validation.ok || problems.length > 0) return { status: 'rejected', problems, id, schoolCode: subject, type };
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
