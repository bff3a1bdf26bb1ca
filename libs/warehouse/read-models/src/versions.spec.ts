import * as E from '@educube/contracts';
import { eventRegistry, type CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { canonicalDump, changesOf, checksumOf, InMemoryReadModels } from './index';
import { mixedHistory, shuffled, valid } from './testing';

// LessonTimetabled v1 and v2 (issue 16): the projection upcasts v1 on read, so the read models
// see one shape whichever version a school system sent, and a replay from zero of a mixed
// stream ends on the same rows as the all-v2 stream.

/** What a v2 producer sends for the lesson a v1 producer described (written out, not the upcaster). */
function asV2Producer(event: CloudEvent): CloudEvent {
  if (event.type !== E.LessonTimetabledV1.type) return event;
  const { teacher, ...rest } = event.data as Record<string, unknown>;
  return valid({ ...event, type: E.LessonTimetabledV2.type, data: { ...rest, teachers: [teacher] } });
}

describe('LessonTimetabled v1 and v2 in the read models', () => {
  it('a v1 event and its v2 equivalent give identical changes (same tables, keys, clock and values)', () => {
    const v1 = valid(anEvent(E.LessonTimetabledV1, { lessonId: 'L-7', courseId: 'K-AI-1', periods: 2 }));
    const v2 = asV2Producer(v1);
    expect(v2.type).toBe('cn.educube.timetabling.LessonTimetabled.v2');
    const changes = changesOf(v1);
    expect(changes.length).toBeGreaterThan(0);
    expect(changesOf(v2)).toEqual(changes);
    expect(new InMemoryReadModels().applyEvents([v2]).checksum()).toBe(new InMemoryReadModels().applyEvents([v1]).checksum());
    // the stored event is untouched: upcasting is on read
    expect(v1.type).toBe(E.LessonTimetabledV1.type);
    expect(v1.data).toHaveProperty('teacher');
  });

  it('a co-taught v2 lesson projects like any other lesson (the teachers are not a read-model fact)', () => {
    const one = valid(anEvent(E.LessonTimetabledV2));
    const two = valid({
      ...one,
      data: {
        ...(one.data as object),
        teachers: [
          { system: 'timetabling', localId: 'T0001' },
          { system: 'timetabling', localId: 'T0002' },
        ],
      },
    });
    expect(changesOf(two)).toEqual(changesOf(one));
  });

  it('replays a mixed v1/v2 stream from zero to the same rows as the all-v2 stream (checksum)', () => {
    // ids made stable (the factories' ids carry the process id), so the printed checksum is reproducible
    const history = mixedHistory().map((e, i) => ({ ...e, id: `H-${String(i).padStart(3, '0')}` }));
    const lessons = history.filter((e) => e.type === E.LessonTimetabledV1.type);
    expect(lessons.length).toBeGreaterThanOrEqual(6);
    const allV2 = history.map(asV2Producer);
    // every other LessonTimetabled as v1 (the school systems that have not moved), the rest v2
    let n = 0;
    const mixed = history.map((e) => (e.type === E.LessonTimetabledV1.type && n++ % 2 === 1 ? asV2Producer(e) : e));
    const types = new Set(mixed.map((e) => e.type));
    expect(types.has(E.LessonTimetabledV1.type) && types.has(E.LessonTimetabledV2.type)).toBe(true);
    expect(allV2.some((e) => e.type === E.LessonTimetabledV1.type)).toBe(false);

    const v2Sum = new InMemoryReadModels().applyEvents(allV2).checksum();
    const mixedSum = new InMemoryReadModels().applyEvents(mixed).checksum();
    const v1Sum = new InMemoryReadModels().applyEvents(history).checksum();
    process.stdout.write(`read models, replay from zero: all-v2 ${v2Sum}\nread models, replay from zero: mixed  ${mixedSum}\n`);
    expect(mixedSum).toBe(v2Sum);
    expect(v1Sum).toBe(v2Sum);
    expect(canonicalDump(new InMemoryReadModels().applyEvents(mixed).snapshot())).toBe(canonicalDump(new InMemoryReadModels().applyEvents(allV2).snapshot()));
    // in any arrival order too
    for (const seed of [1, 2, 3]) expect(new InMemoryReadModels().applyEvents(shuffled(mixed, seed)).checksum()).toBe(v2Sum);
    // and the lessons are in it
    expect(new InMemoryReadModels().applyEvents(mixed).table('lessons').length).toBeGreaterThan(0);
    expect(checksumOf(new InMemoryReadModels().snapshot())).not.toBe(v2Sum);
  });

  it('projects both versions of every upcast type: the registry names them', () => {
    expect(eventRegistry.upcastTypes).toEqual([E.LessonTimetabledV1.type]);
  });
});
