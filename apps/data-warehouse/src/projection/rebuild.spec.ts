import { LessonDeliveredV1, ResourceUploadedV1, TeacherAssignedV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import type { SqlDatabase } from '@educube/postgres';
import { checksum } from '@educube/warehouse-read-models-postgres';
import { SQL_DATABASE } from '../storage/storage';
import { startTestWarehouse } from '../testing/warehouse';
import { Projector } from './projector';
import { progressBar } from '@educube/service-kit';
import { rebuild } from './rebuild';

describe('rebuild from position 0', () => {
  it('replays the store into empty read models and ends identical to the incremental result', async () => {
    const running = await startTestWarehouse({});
    try {
      const events = Array.from({ length: 60 }, (_, i) => {
        const subject = `33020300${String((i % 3) + 1).padStart(2, '0')}`;
        const time = `2026-09-${String((i % 20) + 1).padStart(2, '0')}T09:00:00+08:00`;
        if (i % 3 === 0) return anEvent(ResourceUploadedV1, {}, { subject, time });
        if (i % 3 === 1) return anEvent(LessonDeliveredV1, {}, { subject, time });
        return anEvent(TeacherAssignedV1, { teacher: { system: 'timetabling', localId: `T-${String((i % 50) + 1).padStart(4, '0')}` } }, { subject, time });
      });
      // each school's system sends its own school's events
      let head = 0n;
      let accepted = 0;
      for (const school of ['3302030001', '3302030002', '3302030003']) {
        const res = await running.post(
          events.filter((e) => e.subject === school),
          school,
        );
        const answer = (await res.json()) as { summary: { accepted: number; rejected: number }; results: { position?: string; problems?: unknown }[] };
        expect(answer.summary).toMatchObject({ rejected: 0 });
        accepted += answer.summary.accepted;
        head = answer.results.reduce((m, r) => (r.position && BigInt(r.position) > m ? BigInt(r.position) : m), head);
      }
      expect(accepted).toBe(60);
      await running.app.get(Projector).caughtUp(head);

      const db = running.app.get<SqlDatabase>(SQL_DATABASE);
      const incremental = await checksum(db);
      const progress: number[] = [];
      const result = await rebuild(db, (p) => progress.push(p.done));
      expect(result).toMatchObject({ before: incremental, after: incremental, identical: true, events: 60 });
      expect(progress.at(-1)).toBe(60);

      // pages of 7: each written in its own transaction after the previous one, while the next is read and merged
      const paged: number[] = [];
      const again = await rebuild(db, (p) => paged.push(p.done), { pageSize: 7 });
      expect(again).toMatchObject({ before: incremental, after: incremental, identical: true, events: 60 });
      expect(paged).toEqual([7, 14, 21, 28, 35, 42, 49, 56, 60]);
    } finally {
      await running.close();
    }
  }, 60_000);

  it('draws a progress bar with rate and ETA', () => {
    expect(progressBar({ done: 42_000, total: 100_000, elapsedMs: 2_000 }, 10)).toBe('[####......]  42% 42,000/100,000 events, 21,000 ev/s, ETA 3 s');
  });
});
