import { sha256Hex } from '@educube/canonical-json';
import { eventRegistry, HeadcountReportedV1, SchoolRegisteredV1, type CloudEvent } from '@educube/contracts';
import { headcountFact, headcountsAsOf, schoolRegisteredFact, type IsoDate, type OrgTreeState, type PeopleState } from '@educube/identity-domain';

export const ROSTER_SOURCE = '/educube/identity';

/**
 * A published fact's id is derived from what it says: publishing the same facts again gives the
 * same ids (the warehouse stores them once), and a corrected figure for the same date gets a new
 * id rather than clashing with the old one as a conflict.
 */
export function factId(type: string, subject: string, asOf: IsoDate, data: unknown): string {
  const hex = sha256Hex(`${type}\n${subject}\n${asOf}\n${JSON.stringify(data)}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The roster facts of schools as of a date, as CloudEvents of the roster family: each school's
 * registry record (roster.SchoolRegistered) and its headcounts per stage (roster.HeadcountReported,
 * the denominators of the standards' ratios). `time` is the start of that day in China, so the
 * same facts always make the same envelope.
 */
export function rosterEvents(tree: OrgTreeState, people: PeopleState, schoolCodes: readonly string[], asOf: IsoDate): CloudEvent[] {
  const counts = headcountsAsOf(people, asOf);
  const time = `${asOf}T00:00:00+08:00`;
  const out: CloudEvent[] = [];
  for (const code of schoolCodes) {
    const school = schoolRegisteredFact(tree, code, asOf);
    const heads = headcountFact(tree, people, code, asOf, counts);
    if (!school || !heads) continue;
    for (const [type, data] of [
      [SchoolRegisteredV1.type, school],
      [HeadcountReportedV1.type, heads],
    ] as const) {
      out.push({
        specversion: '1.0',
        id: factId(type, code, asOf, data),
        source: ROSTER_SOURCE,
        type,
        time,
        subject: code,
        datacontenttype: 'application/json',
        data,
      });
    }
  }
  return out;
}

/** Refuses to publish an event its own contract rejects: a bug here must not reach the warehouse. */
export function assertValid(events: readonly CloudEvent[], now: Date): void {
  for (const e of events) {
    const result = eventRegistry.validate(e, { now });
    if (!result.ok) throw new Error(`roster event ${e.type} for ${e.subject} breaks its contract: ${JSON.stringify(result.problems)}`);
  }
}
