import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError, type EventStore, type ExpectedVersion, type NewEvent, type RecordedEvent } from './port';

/**
 * One command handler for every decider the hub keeps in an event store: load the state, let
 * the decider decide against it, append what it decided with the version the state was loaded
 * at, and on a version conflict (someone appended in between) load again and decide again, a
 * bounded number of times. Modelled on emmett's `handleCommand`.
 *
 * A decider that throws is not caught: its error leaves the handler with nothing appended. A
 * decider that refuses returns a refusal of the caller's own type, handed back untouched, so
 * the caller (a controller) maps it to its transport's answer.
 */

/** What a decider says: the events to append (none: the command changes nothing), or a refusal. */
export type Decision<Event, Refusal> =
  { readonly kind: 'accepted'; readonly events: readonly Event[] } | { readonly kind: 'refused'; readonly refusal: Refusal };

export const accepted = <Event>(events: readonly Event[]): Decision<Event, never> => ({ kind: 'accepted', events });
export const refused = <Refusal>(refusal: Refusal): Decision<never, Refusal> => ({ kind: 'refused', refusal });

export type CommandOutcome<State, Event, Refusal> =
  /** Appended; `state` is the loaded state evolved by `events`, `version` the stream's version after. */
  | { readonly kind: 'recorded'; readonly events: readonly Event[]; readonly state: State; readonly version: number; readonly attempts: number }
  /** The decider accepted with no event (e.g. a repeated decision): nothing was appended. */
  | { readonly kind: 'unchanged'; readonly state: State; readonly version: number; readonly attempts: number }
  | { readonly kind: 'refused'; readonly refusal: Refusal; readonly state: State; readonly version: number; readonly attempts: number }
  /** Every attempt met a concurrent append: the caller says "try again", nothing was appended. */
  | { readonly kind: 'conflict'; readonly error: WrongExpectedVersionError; readonly attempts: number };

/** Attempts in all, the first included, unless the command says otherwise. */
export const DEFAULT_COMMAND_ATTEMPTS = 3;

/**
 * Where a command's state comes from and where its events go. `streamSource` is the usual one
 * (one stream); a service that keeps a state spanning many streams in memory brings its own.
 */
export interface CommandSource<State, Event> {
  load(): Promise<{ readonly state: State; readonly expected: ExpectedVersion }>;
  /** Appends at `expected`; throws `WrongExpectedVersionError` when the store has moved on. */
  append(events: readonly Event[], expected: ExpectedVersion, state: State): Promise<{ readonly state: State; readonly version: number }>;
}

/**
 * Load → decide → append, again on a version conflict, at most `maxAttempts` times. `decide`
 * is called once per attempt with that attempt's state: anything it needs fresh per attempt
 * (a time, a new id) it takes there, and it must have no other effect.
 */
export async function runCommand<State, Event, Refusal>(
  source: CommandSource<State, Event>,
  decide: (state: State, attempt: number) => Decision<Event, Refusal>,
  maxAttempts: number = DEFAULT_COMMAND_ATTEMPTS,
): Promise<CommandOutcome<State, Event, Refusal>> {
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`maxAttempts must be a whole number of at least 1, not ${maxAttempts}`);
  let conflict: WrongExpectedVersionError | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const { state, expected } = await source.load();
    const decision = decide(state, attempt);
    const version = typeof expected === 'number' ? expected : -1;
    if (decision.kind === 'refused') return { kind: 'refused', refusal: decision.refusal, state, version, attempts: attempt };
    if (decision.events.length === 0) return { kind: 'unchanged', state, version, attempts: attempt };
    try {
      const appended = await source.append(decision.events, expected, state);
      return { kind: 'recorded', events: decision.events, state: appended.state, version: appended.version, attempts: attempt };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      conflict = error;
    }
  }
  // the loop ran at least once and every pass that got here set it
  return { kind: 'conflict', error: conflict as WrongExpectedVersionError, attempts: maxAttempts };
}

/** How one stream's events are folded into a state and stored. */
export interface StreamDecider<State, Event> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  /** A stored event back as the domain's event (parse it with the domain's schema). */
  readonly read: (recorded: RecordedEvent) => Event;
  /** A new event as stored; default: a random id, the event's type, and the event itself as data. */
  readonly write?: (event: Event) => NewEvent;
}

const writeWhole = (event: unknown): NewEvent => ({ id: randomUUID(), type: String((event as { type?: unknown }).type), data: event });

/** Loads one stream folded with `evolve`, and appends to it at the version it was loaded at. */
export function streamSource<State, Event>(
  store: Pick<EventStore, 'readStream' | 'append'>,
  streamId: string,
  decider: StreamDecider<State, Event>,
): CommandSource<State, Event> {
  const write = decider.write ?? writeWhole;
  return {
    async load() {
      const recorded = await store.readStream(streamId);
      const state = recorded.reduce((s, r) => decider.evolve(s, decider.read(r)), decider.initialState());
      // the stream's version is the last event's, whatever reading started from
      const last = recorded[recorded.length - 1];
      return { state, expected: last ? last.streamVersion : 'no-stream' };
    },
    async append(events, expected, state) {
      const result = await store.append(streamId, events.map(write), expected);
      return { state: events.reduce(decider.evolve, state), version: result.streamVersion };
    },
  };
}

/** `runCommand` on one stream of `store`: the common case. */
export function handleCommand<State, Event, Refusal>(
  store: Pick<EventStore, 'readStream' | 'append'>,
  streamId: string,
  decider: StreamDecider<State, Event>,
  decide: (state: State, attempt: number) => Decision<Event, Refusal>,
  options: { readonly maxAttempts?: number } = {},
): Promise<CommandOutcome<State, Event, Refusal>> {
  return runCommand(streamSource(store, streamId, decider), decide, options.maxAttempts);
}
