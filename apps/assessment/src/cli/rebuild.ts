// `npm run assessment:rebuild`: replays the assessment's own applied events into fresh facts and
// recomputes every stored evidence row at its as-of date, with progress, then compares digests.
// Exit 0 identical, 2 different, 1 error. Same DATABASE_URL / ASSESSMENT_DATA_DIR as the service.
import { commandLine } from '@educube/cli';
import { loadConfig, progressBar, progressReporter } from '@educube/service-kit';
import { rebuildEvidence } from '../evidence/rebuild';
import { assessmentConfigSchema } from '../service';
import { openDatabase } from '../storage/storage';

commandLine({
  command: 'npm run assessment:rebuild --',
  summary:
    "Replays the assessment's own applied events into fresh facts and recomputes every stored evidence row\nat its as-of date, with progress, then compares digests (the first 20 differences are listed).",
  env: {
    DATABASE_URL: "the assessment's PostgreSQL (as the service); unset: the PGlite directory below",
    ASSESSMENT_DATA_DIR: 'the PGlite directory, as the service reads it',
  },
  examples: ['npm run assessment:rebuild', 'DATABASE_URL=postgres://educube:educube@127.0.0.1:25432/educube_assessment npm run assessment:rebuild'],
  exitCodes: { 0: 'every stored evidence row identical', 1: 'error', 2: 'some rows different; or bad arguments (usage on stderr)' },
});

async function main(): Promise<number> {
  const config = loadConfig('assessment', assessmentConfigSchema, process.env);
  const db = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.ASSESSMENT_DATA_DIR });
  try {
    const progress = progressReporter((p) => progressBar(p, 30, 'schools', 'schools/s'));
    const result = await rebuildEvidence(db, progress.report);
    progress.end();
    process.stdout.write(
      `replayed ${result.events} events of ${result.schools} schools in ${(result.elapsedMs / 1000).toFixed(1)} s\n${result.identical} of ${result.rows} stored evidence rows identical\n`,
    );
    for (const d of result.different.slice(0, 20))
      process.stdout.write(`DIFFERENT ${d.school} ${d.standard} ${d.itemId}: stored ${d.stored ?? '(none)'} replayed ${d.replayed ?? '(none)'}\n`);
    return result.different.length === 0 ? 0 : 2;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
