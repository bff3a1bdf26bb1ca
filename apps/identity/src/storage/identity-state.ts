import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { runCommand, type CommandOutcome, type CommandSource, type Decision, type EventStore, type NewEvent } from '@educube/event-store';
import {
  applyOrgEvents,
  applyPeopleEvents,
  initialOrgTree,
  initialPeople,
  orgEventSchema,
  peopleEventSchema,
  personStream,
  regionStream,
  schoolStream,
  type OrgEvent,
  type OrgTreeState,
  type PeopleEvent,
  type PeopleState,
} from '@educube/identity-domain';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE } from './storage';

const ORG_STREAMS = /^identity\.(school|region)-/;
const PEOPLE_STREAMS = /^identity\.person-/;
const PAGE = 5_000;

/**
 * The organisation tree and people, held in memory and rebuilt from the event store at start
 * (10,000 schools fit easily). Writes go through `run`, one at a time, so a decision is always
 * made against the state that its events are then appended to.
 *
 * Decisions go through the event store's one command handler (`decideOrg`, `decidePeople`), with
 * the memory as the source: identity's deciders decide against the whole tree or all people
 * (a school's district must exist, an id is linked to one person only), across every stream,
 * so no one stream's version could tell a stale decision; `run`'s queue is what keeps this
 * process's decisions in order, and every append is `any`.
 */
@Injectable()
export class IdentityState implements OnModuleInit {
  private readonly logger = new Logger('IdentityState');
  private orgTree: OrgTreeState = initialOrgTree();
  private peopleState: PeopleState = initialPeople();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  get tree(): OrgTreeState {
    return this.orgTree;
  }
  get people(): PeopleState {
    return this.peopleState;
  }

  async onModuleInit(): Promise<void> {
    const started = performance.now();
    const org: OrgEvent[] = [];
    const people: PeopleEvent[] = [];
    let after = 0n;
    let count = 0;
    for (;;) {
      const page = await this.store.readAll(after, PAGE);
      for (const e of page) {
        if (ORG_STREAMS.test(e.streamId)) org.push(orgEventSchema.parse({ type: e.type, data: e.data }));
        else if (PEOPLE_STREAMS.test(e.streamId)) people.push(peopleEventSchema.parse({ type: e.type, data: e.data }));
        else continue;
        count += 1;
      }
      const last = page[page.length - 1];
      if (!last || page.length < PAGE) break;
      after = last.position;
    }
    this.orgTree = applyOrgEvents(org);
    this.peopleState = applyPeopleEvents(people, initialPeople());
    this.logger.log(
      `rebuilt the organisation tree (${Object.keys(this.orgTree.schools).length} schools) and people from ${count} events in ${Math.round(performance.now() - started)} ms`,
    );
  }

  /** Serialises writers: decide against the current state, append, then apply. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Decides against the tree as it stands, appends what was decided and applies it. Call inside `run`. */
  decideOrg<Refusal>(decide: (tree: OrgTreeState) => Decision<OrgEvent, Refusal>): Promise<CommandOutcome<OrgTreeState, OrgEvent, Refusal>> {
    return runCommand(
      this.memory(
        () => this.orgTree,
        (events) => this.appendOrg(events),
      ),
      decide,
      1,
    );
  }

  /** Decides against the people as they stand, appends what was decided and applies it. Call inside `run`. */
  decidePeople<Refusal>(decide: (people: PeopleState) => Decision<PeopleEvent, Refusal>): Promise<CommandOutcome<PeopleState, PeopleEvent, Refusal>> {
    return runCommand(
      this.memory(
        () => this.peopleState,
        (events) => this.appendPeople(events),
      ),
      decide,
      1,
    );
  }

  /** The memory as a command source: what `run` serialises needs no version to expect, so one attempt is all there is. */
  private memory<S, E>(current: () => S, append: (events: readonly E[]) => Promise<void>): CommandSource<S, E> {
    return {
      load: () => Promise.resolve({ state: current(), expected: 'any' }),
      append: async (events) => {
        await append(events);
        return { state: current(), version: -1 };
      },
    };
  }

  /** Appends org events (stream per school or region) and applies them. Call inside `run`. */
  async appendOrg(events: readonly OrgEvent[]): Promise<void> {
    await this.appendAll(groupBy(events, (e) => (e.type === 'RegionRegistered' ? regionStream(e.data.code) : schoolStream(e.data.code))));
    this.orgTree = applyOrgEvents(events, this.orgTree);
  }

  /** Appends people events (stream per person) and applies them. Call inside `run`. */
  async appendPeople(events: readonly PeopleEvent[]): Promise<void> {
    await this.appendAll(groupBy(events, (e) => personStream(e.data.personId)));
    this.peopleState = applyPeopleEvents(events, this.peopleState);
  }

  /**
   * Every stream in one transaction: either all of an import is recorded or none of it, so
   * memory (applied only after) never drifts from the store.
   */
  private async appendAll(byStream: Map<string, (OrgEvent | PeopleEvent)[]>): Promise<void> {
    await this.store.appendMany([...byStream].map(([streamId, batch]) => ({ streamId, events: batch.map(toNew) })));
  }
}

const toNew = (e: OrgEvent | PeopleEvent): NewEvent => ({ id: randomUUID(), type: e.type, data: e.data });

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
