import { Logger } from '@nestjs/common';
import { alertsConfig } from '@educube/alerts';
import { AlertStreams, type AlertLog } from '@educube/alert-streams';
import { IndexedDirectory, type OrgDirectory } from '@educube/identity-client';
import type { SqlDatabase } from '@educube/postgres';
import { AlertsService } from './alerts.service';
import type { SourceFacts } from './source-facts';

// What the timer does with an evaluation that fails (identity unreachable): logs it, shows it in
// the status, and evaluates again at the next tick; the process carries on.

const noFacts = { receipts: async () => [], counts: async () => [], prune: async () => 0 } as unknown as SourceFacts;
const noRows = { query: async () => ({ rows: [] }) } as unknown as SqlDatabase;
const noLog: AlertLog = { readStream: async () => [], append: async () => ({ outcomes: [] }) };
const emptyTree = new IndexedDirectory({ asOf: '2026-11-09', regions: [], schools: [] });

describe('AlertsService on a timer', () => {
  it('logs a failed evaluation, keeps its reason in the status, and succeeds at a later tick', async () => {
    let calls = 0;
    const directory = { on: async () => (++calls <= 2 ? Promise.reject(new Error('identity answered 503')) : emptyTree) } as unknown as OrgDirectory;
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const service = new AlertsService(
      noFacts,
      new AlertStreams(noLog),
      noRows,
      directory,
      { config: alertsConfig(), holidays: { holidays: [], makeupDays: [] }, evaluateMs: 5 },
      () => new Date('2026-11-09T00:00:00Z'),
    );
    try {
      await expect(service.evaluate()).rejects.toThrow('identity answered 503');
      expect(service.status()).toMatchObject({ lastEvaluatedAt: null, error: 'identity answered 503' });
      service.onApplicationBootstrap();
      for (let i = 0; i < 200 && service.status().lastEvaluatedAt === null; i++) await new Promise((r) => setTimeout(r, 5));
      expect(service.status()).toMatchObject({ evaluateEveryMs: 5, lastEvaluatedAt: '2026-11-09T00:00:00.000Z', error: null, raised: 0, resolved: 0 });
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ msg: expect.stringContaining('failed'), error: 'identity answered 503' }));
    } finally {
      await service.onApplicationShutdown();
      jest.restoreAllMocks();
    }
  });
});
