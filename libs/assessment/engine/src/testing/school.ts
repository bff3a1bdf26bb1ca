import { CATALOGS, allItems, type StandardId } from '@educube/assessment-catalog';
import { eventRegistry, type CloudEvent, type EventDefinition } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { CLASSIFICATIONS } from '../classification';
import { evaluateItem, type CheckEvidence, type EvaluationOptions, type Evidence } from '../evaluate';
import { applyAll, emptyFacts, type SchoolFacts } from '../facts';

/**
 * One school's events for the engine's item tests: each event is built by the contracts'
 * factory (the sample's fields, overridden by the test's) and must pass the hub's own validation
 * (so a test never rests on an event the hub would refuse); the kit returns it as the hub stores
 * it, defaults applied, and folds it into the facts the engine evaluates.
 */
export interface SchoolKit {
  readonly school: string;
  /** A contract-valid event of this school (ids are unique within the kit). */
  ev<D extends EventDefinition>(def: D, data: Parameters<typeof anEvent<D>>[1], time?: string): CloudEvent;
  facts(events: readonly CloudEvent[]): SchoolFacts;
  /** The evidence of one item of `standard` over these events. */
  evaluate(standard: StandardId, id: string, events: readonly CloudEvent[] | SchoolFacts, options: EvaluationOptions): Evidence;
  /** One check of an item, by its label. */
  check(standard: StandardId, id: string, label: string, events: readonly CloudEvent[] | SchoolFacts, options: EvaluationOptions): CheckEvidence;
}

export const person = (localId: string) => ({ system: 'identity', localId });

export function schoolKit(school: string, prefix = 'k'): SchoolKit {
  let seq = 0;
  const facts = (events: readonly CloudEvent[]): SchoolFacts => applyAll(emptyFacts(school), [...events]);
  const kit: SchoolKit = {
    school,
    ev(def, data, time = '2026-09-07T08:00:00+08:00') {
      seq += 1;
      const e = anEvent(def, data, { id: `${prefix}-${seq}`, subject: school, time });
      const result = eventRegistry.validate(e, { now: new Date('2031-01-01T00:00:00Z') });
      if (!result.ok) throw new Error(`${def.name} is not contract-valid: ${JSON.stringify(result.problems)}`);
      // the hub stores the validated event, defaults applied (inUse, teachingModels…)
      return result.event;
    },
    facts,
    evaluate(standard, id, events, options) {
      const item = allItems(CATALOGS[standard].groups).find((i) => i.id === id);
      const c = CLASSIFICATIONS[standard][id];
      if (!item || !c) throw new Error(`no item ${standard} ${id}`);
      return evaluateItem(item, c, Array.isArray(events) ? facts(events) : (events as SchoolFacts), options);
    },
    check(standard, id, label, events, options) {
      const found = kit.evaluate(standard, id, events, options).checks.find((x) => x.label === label);
      if (!found) throw new Error(`no check "${label}" on ${standard} ${id}`);
      return found;
    },
  };
  return kit;
}
