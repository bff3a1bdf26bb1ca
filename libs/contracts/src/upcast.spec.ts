import { z } from 'zod';
import { defineEvent } from './envelope';
import { eventRegistry, LessonCancelledV1, LessonDeliveredV1, LessonTimetabledV1, LessonTimetabledV2 } from './events';
import { anEvent, sampleData } from './testing';
import { defineUpcaster, lessonTimetabledV1ToV2, UPCASTERS } from './upcast';
import { EventRegistry } from './validate';

// LessonTimetabled v2 (issue 16): `teacher` → `teachers`. Both versions are published and
// accepted; readers upcast v1 to v2 on read.

const now = new Date('2030-01-01T00:00:00Z');
const validated = (raw: unknown) => {
  const r = eventRegistry.validate(raw, { now });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.event;
};
const fieldsOf = (schema: z.ZodType): string[] => Object.keys((schema as unknown as { shape: Record<string, unknown> }).shape).sort();

describe('LessonTimetabled v1 → v2', () => {
  it('publishes both versions and validates each against its own schema', () => {
    expect(eventRegistry.get(LessonTimetabledV1.type)).toBe(LessonTimetabledV1);
    expect(eventRegistry.get(LessonTimetabledV2.type)).toBe(LessonTimetabledV2);
    expect(LessonTimetabledV2.type).toBe('cn.educube.timetabling.LessonTimetabled.v2');
    expect(eventRegistry.validate(anEvent(LessonTimetabledV1), { now }).ok).toBe(true);
    expect(eventRegistry.validate(anEvent(LessonTimetabledV2), { now }).ok).toBe(true);
    // each version's fields are its own: v1's teacher is unknown to v2 and the other way round
    const { teachers, ...v2WithoutTeachers } = sampleData(LessonTimetabledV2);
    const crossed = eventRegistry.validate({ ...anEvent(LessonTimetabledV2), data: { ...v2WithoutTeachers, teacher: teachers[0] } }, { now });
    expect(crossed.ok ? [] : crossed.problems.map((p) => `${p.path} ${p.rule}`).sort()).toEqual(['/data/teacher unknown-field', '/data/teachers required']);
    const unique = eventRegistry.validate(anEvent(LessonTimetabledV2, { teachers: [teachers[0]!, teachers[0]!] }), { now });
    expect(unique.ok ? [] : unique.problems.map((p) => `${p.path} ${p.rule}`)).toEqual(['/data/teachers/1 unique']);
    expect(eventRegistry.validate(anEvent(LessonTimetabledV1, {}, { type: 'cn.educube.timetabling.LessonTimetabled.v3' }), { now })).toMatchObject({
      ok: false,
      problems: [{ rule: 'known-version', message: expect.stringContaining('published: v1, v2') }],
    });
  });

  it('maps every v1 field: teacher becomes teachers, every other field is kept as it is', () => {
    const v1Fields = fieldsOf(LessonTimetabledV1.data);
    const v2Fields = fieldsOf(LessonTimetabledV2.data);
    expect(v1Fields.filter((f) => !v2Fields.includes(f))).toEqual(['teacher']);
    expect(v2Fields.filter((f) => !v1Fields.includes(f))).toEqual(['teachers']);

    // every optional field set, so every field is exercised
    const v1 = validated(anEvent(LessonTimetabledV1, { courseId: 'K-AI-1', scheduledBy: '人工排课', periods: 2 }));
    const data = v1.data as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(v1Fields);
    const up = eventRegistry.upcast(v1);
    const upData = up.data as Record<string, unknown>;
    expect(up.type).toBe(LessonTimetabledV2.type);
    expect(Object.keys(upData).sort()).toEqual(v2Fields);
    for (const f of v1Fields.filter((k) => k !== 'teacher')) expect([f, upData[f]]).toEqual([f, data[f]]);
    expect(upData['teachers']).toEqual([data['teacher']]);
    // the envelope is the producer's, only the type names v2
    const envelopeOf = (e: object) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'type' && k !== 'data'));
    expect(envelopeOf(up)).toEqual(envelopeOf(v1));
    // the result is a valid v2 event, equal to what a v2 producer sends for the same lesson
    expect(LessonTimetabledV2.data.parse(upData)).toEqual(upData);
    const { teacher, ...rest } = data;
    expect(up).toEqual(validated({ ...v1, type: LessonTimetabledV2.type, data: { ...rest, teachers: [teacher] } }));
    // pure: the stored v1 event is not changed
    expect(v1.type).toBe(LessonTimetabledV1.type);
    expect((v1.data as Record<string, unknown>)['teacher']).toEqual(teacher);
  });

  it('leaves v2 and every type without an upcaster as it is (the same object)', () => {
    for (const e of [validated(anEvent(LessonTimetabledV2)), validated(anEvent(LessonDeliveredV1)), validated(anEvent(LessonCancelledV1))])
      expect(eventRegistry.upcast(e)).toBe(e);
    expect(eventRegistry.upcastTypes).toEqual([LessonTimetabledV1.type]);
    expect(UPCASTERS).toContain(lessonTimetabledV1ToV2);
  });

  it('accepts only upcasters from one version of a registered type to the next, one per version', () => {
    const V3 = defineEvent({ family: 'timetabling', name: 'LessonTimetabled', version: 3, summary: 'x', data: z.strictObject({}) });
    expect(() => defineUpcaster({ from: LessonTimetabledV1, to: V3, up: () => ({}) })).toThrow(/next/);
    expect(() => defineUpcaster({ from: LessonCancelledV1, to: LessonTimetabledV2, up: () => sampleData(LessonTimetabledV2) as never })).toThrow(/next/);
    expect(() => new EventRegistry([LessonTimetabledV1], [lessonTimetabledV1ToV2 as never])).toThrow(/both versions must be registered/);
    expect(() => new EventRegistry([LessonTimetabledV1, LessonTimetabledV2], [lessonTimetabledV1ToV2, lessonTimetabledV1ToV2] as never)).toThrow(
      /two upcasters/,
    );
  });
});
