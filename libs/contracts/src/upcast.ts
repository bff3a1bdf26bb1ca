import type { z } from 'zod';
import type { CloudEvent, EventDefinition } from './envelope';
import { LessonTimetabledV1, LessonTimetabledV2 } from './events/timetabling';

// Upcasters: how an event of an older published version reads in the next version's shape.
// Applied ON READ, where events are read for meaning (the warehouse read models' projection,
// the assessment's facts), never on write: the event store keeps every event exactly as its
// producer sent it (validated against its own version), so idempotency and duplicate/conflict
// detection compare what was sent, and a replay from position 0 upcasts again, the same way.
// An upcaster is a pure function of the data; the envelope (id, source, time, subject, …)
// is kept, only `type` names the newer version.

/** One step, version n → n + 1 of one event type. */
export interface Upcaster<F extends EventDefinition = EventDefinition, T extends EventDefinition = EventDefinition> {
  readonly from: F;
  readonly to: T;
  /** The data of a valid `from` event (defaults applied) in the shape of `to`; pure. */
  readonly up: (data: z.output<F['data']>) => z.output<T['data']>;
}

export function defineUpcaster<F extends EventDefinition, T extends EventDefinition>(spec: Upcaster<F, T>): Upcaster<F, T> {
  const { from, to } = spec;
  if (from.family !== to.family || from.name !== to.name || to.version !== from.version + 1) {
    throw new Error(`an upcaster goes from one version of a type to the next: not ${from.type} → ${to.type}`);
  }
  return spec;
}

/** LessonTimetabled v1 → v2: the one `teacher` becomes the list `teachers`; every other field is kept as it is. */
export const lessonTimetabledV1ToV2 = defineUpcaster({
  from: LessonTimetabledV1,
  to: LessonTimetabledV2,
  up: ({ teacher, ...rest }) => ({ ...rest, teachers: [teacher] }),
});

/** Every published upcaster, registered with `eventRegistry`. */
export const UPCASTERS: readonly Upcaster[] = [lessonTimetabledV1ToV2 as unknown as Upcaster];

/**
 * Upcasts an event through a chain of upcasters (keyed by the `from` type) to the newest
 * version the chain reaches. An event with no upcaster is returned as it is (the same object).
 */
export function upcastWith(byFrom: ReadonlyMap<string, Upcaster>, event: CloudEvent): CloudEvent {
  let current = event;
  for (let step = byFrom.get(current.type); step; step = byFrom.get(current.type)) {
    current = { ...current, type: step.to.type, data: step.up(current.data as never) };
  }
  return current;
}
