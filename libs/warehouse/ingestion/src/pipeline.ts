import { canonicalJson } from '@educube/canonical-json';
import { normalisedEnvelope, type CloudEvent, type PersonRef, type Problem } from '@educube/contracts';
import { refKey, screen, type Channel, type ScreenContext, type Screened } from './screen';

/** What happened to one event of a batch; the HTTP answer lists one per event, in order. */
export type EventResult =
  | { readonly index: number; readonly id: string; readonly status: 'accepted'; readonly position: string }
  /** the same id with the same content was stored before: stored once */
  | { readonly index: number; readonly id: string; readonly status: 'duplicate' }
  /** the same id with different content: the stored one stays, this one is kept as a dead letter */
  | { readonly index: number; readonly id: string; readonly status: 'conflict'; readonly reason: string }
  | { readonly index: number; readonly id: string | null; readonly status: 'rejected'; readonly problems: readonly Problem[] }
  /** valid, but names a person no link resolves yet: kept aside, appended once identity learns the link */
  | { readonly index: number; readonly id: string; readonly status: 'parked'; readonly unresolved: readonly PersonRef[] };

/** One event of a batch after screening and resolution: what the app must store where. */
export type Disposition =
  | { readonly kind: 'append'; readonly index: number; readonly event: CloudEvent; readonly resolved: Readonly<Record<string, string>> }
  | { readonly kind: 'park'; readonly index: number; readonly event: CloudEvent; readonly unresolved: readonly PersonRef[] }
  | { readonly kind: 'reject'; readonly index: number; readonly screened: Extract<Screened, { status: 'rejected' }> }
  /** a second copy of an id earlier in the same batch */
  | { readonly kind: 'repeat'; readonly index: number; readonly id: string; readonly sameAsFirst: boolean };

export interface Resolution {
  /** `${system}/${localId}` → unified person id, for the refs identity knows */
  readonly links: ReadonlyMap<string, string>;
}

/** A stable text of an event for "same content" within a batch (key order independent). */
export { canonicalJson };

/**
 * The text two copies of one event id are compared by, "same content" or not: the canonical
 * JSON of the event in its stored form (the envelope normalised: no JSON datacontenttype, no
 * partitionkey equal to the school), its `time` read as the instant it names. One event comes
 * spelt differently by different bindings — the official JavaScript SDK writes a time as given
 * over Kafka binary and in UTC with milliseconds elsewhere — and is still one event; the copy
 * stored first keeps its spelling.
 */
export function sameEventText(event: object): string {
  const e = normalisedEnvelope(event) as Record<string, unknown>;
  const time = e['time'];
  const instant = typeof time === 'string' ? Date.parse(time) : Number.NaN;
  return canonicalJson(Number.isNaN(instant) ? e : { ...e, time: new Date(instant).toISOString() });
}

/** Screens a batch: one Screened per raw event, in order. */
export const screenBatch = (raws: readonly unknown[], ctx: (index: number) => ScreenContext): Screened[] => raws.map((raw, i) => screen(raw, ctx(i)));

/** The refs a batch needs resolved (valid events only), deduplicated. */
export function refsToResolve(screened: readonly Screened[]): PersonRef[] {
  const out = new Map<string, PersonRef>();
  for (const s of screened) if (s.status === 'valid') for (const r of s.refs) out.set(refKey(r), r);
  return [...out.values()];
}

/**
 * Decides where each event goes once screening and resolution are done: rejected ones to dead
 * letters, valid ones with an unresolved person to the parking lot, the rest to the store. A
 * repeated id within the batch is decided here (the store decides across batches).
 */
export function dispose(screened: readonly Screened[], resolution: Resolution): Disposition[] {
  // the first event of each id; its canonical text is computed only if the id comes again
  // (rare), since canonicalising every event would cost as much as validating it
  const firstOf = new Map<string, { event: CloudEvent; text?: string }>();
  return screened.map((s, index): Disposition => {
    if (s.status === 'rejected') return { kind: 'reject', index, screened: s };
    const first = firstOf.get(s.event.id);
    if (first !== undefined) {
      first.text ??= sameEventText(first.event);
      return { kind: 'repeat', index, id: s.event.id, sameAsFirst: first.text === sameEventText(s.event) };
    }
    firstOf.set(s.event.id, { event: s.event });
    const unresolved = s.refs.filter((r) => !resolution.links.has(refKey(r)));
    if (unresolved.length > 0) return { kind: 'park', index, event: s.event, unresolved };
    const resolved: Record<string, string> = {};
    for (const r of s.refs) resolved[refKey(r)] = resolution.links.get(refKey(r)) as string;
    return { kind: 'append', index, event: s.event, resolved };
  });
}

export type { Channel };
