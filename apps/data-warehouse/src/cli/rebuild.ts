// `npm run warehouse:rebuild`: replays the event store from position 0 into empty read models,
// with a progress bar, and compares the checksum with the incremental result. Exit 0 identical,
// 2 different, 1 error. Same DATABASE_URL / WAREHOUSE_DATA_DIR as the service; stop it first.
import { readFileSync } from 'node:fs';
import { commandLine } from '@educube/cli';
import { PostgresEventStore } from '@educube/event-store';
import { loadConfig, progressBar, progressReporter } from '@educube/service-kit';
import { warehouseConfigSchema } from '../service';
import { rebuild } from '../projection/rebuild';
import { openDatabase } from '../storage/storage';

commandLine({
  command: 'npm run warehouse:rebuild --',
  summary:
    'Replays the event store from position 0 into empty read models, with a progress bar, and compares\nthe checksum with the incremental result. Stop the data-warehouse service first.',
  env: {
    DATABASE_URL: "the warehouse's PostgreSQL (as the service); unset: the PGlite directory below",
    WAREHOUSE_DATA_DIR: 'the PGlite directory, as the service reads it',
    WAREHOUSE_REBUILD_JSON:
      "1: also print one line `result {…}` with the figures as JSON (events, ms, this process's CPU and peak RSS), for npm run bench:replay",
  },
  examples: ['npm run warehouse:rebuild', 'DATABASE_URL=postgres://educube:educube@127.0.0.1:25432/educube npm run warehouse:rebuild'],
  exitCodes: { 0: 'identical', 1: 'error (configuration, the service still connected)', 2: 'different; or bad arguments (usage on stderr)' },
});

async function main(): Promise<number> {
  const config = loadConfig('data-warehouse', warehouseConfigSchema, process.env);
  const { db } = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.WAREHOUSE_DATA_DIR, poolSize: 2 });
  try {
    if (config.DATABASE_URL) {
      const { rows } = await db.query<{ n: string }>(
        "select count(*)::text as n from pg_stat_activity where application_name = 'data-warehouse' and pid <> pg_backend_pid() and datname = current_database()",
      );
      // the CLI's own pool also says data-warehouse; only other backends count
      if (Number(rows[0]?.n ?? 0) > 1) {
        process.stderr.write('the data-warehouse service is connected to this database: stop it before a rebuild (a live projector would race the replay)\n');
        return 1;
      }
    }
    // opens (and migrates) the store's schema; the replay reads its table directly
    await PostgresEventStore.open(db);
    const progress = progressReporter((p) => progressBar(p));
    const result = await rebuild(db, progress.report);
    progress.end();
    const cpu = process.cpuUsage();
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const peakRssBytes = peakRss();
    const rate = result.replayMs > 0 ? Math.round(result.events / (result.replayMs / 1000)) : 0;
    process.stdout.write(
      `replayed ${result.events} events in ${(result.replayMs / 1000).toFixed(2)} s (${rate.toLocaleString('en-US')} events/s), ${(result.elapsedMs / 1000).toFixed(1)} s with migrate and both checksums (this process: CPU ${cpuSeconds.toFixed(1)} s, peak RSS ${peakRssBytes === undefined ? '?' : Math.round(peakRssBytes / 1048576)} MiB)\nincremental checksum ${result.before}\nrebuilt checksum     ${result.after}\n${result.identical ? 'identical' : 'DIFFERENT: the incremental read models did not match a replay'}\n`,
    );
    if (process.env['WAREHOUSE_REBUILD_JSON'] === '1')
      process.stdout.write(
        `result ${JSON.stringify({ events: result.events, elapsedMs: result.elapsedMs, replayMs: result.replayMs, identical: result.identical, before: result.before, after: result.after, cpuSeconds, peakRssBytes: peakRssBytes ?? null })}\n`,
      );
    return result.identical ? 0 : 2;
  } finally {
    await db.close();
  }
}

/** Peak resident set size (VmHWM) of this process in bytes; undefined where /proc does not say. */
function peakRss(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
