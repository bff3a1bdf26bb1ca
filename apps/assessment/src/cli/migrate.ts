// `npm run assessment:migrate`: applies the assessment service's pending schema migrations (what the service also does
// at start), or with --status lists each owner's applied and pending ones and changes nothing.
// Same DATABASE_URL / ASSESSMENT_DATA_DIR as the service.
import { commandLine } from '@educube/cli';
import { migrationCommand } from '@educube/postgres';
import { CHECKPOINTS_SCHEMA, EVENT_STORE_SCHEMA } from '@educube/event-store';
import { ASSESSMENT_EVIDENCE_SCHEMA } from '../evidence/evidence.migrations';
import { ASSESSMENT_APPLIED_EVENTS_SCHEMA } from '../projection/applied-events.migrations';
import { ASSESSMENT_DOCUMENTS_SCHEMA } from '../review/documents.migrations';
import { ASSESSMENT_NINGXIA_GRANTED_SCHEMA } from '../rulings/ningxia-granted.migrations';
import { ASSESSMENT_STANDINGS_SCHEMA } from '../standings/standings.migrations';
import { openDatabase } from '../storage/storage';

const { values } = commandLine({
  command: 'npm run assessment:migrate --',
  summary:
    "Applies the assessment service's pending schema migrations, as the service does at start; with --status,\nlists each schema owner's applied and pending migrations and changes nothing.",
  options: { status: { type: 'boolean', description: 'list applied and pending migrations, apply nothing' } },
  env: {
    DATABASE_URL: "the assessment service's PostgreSQL (as the service); unset: the PGlite directory below",
    ASSESSMENT_DATA_DIR: 'the PGlite directory, as the service reads it (default .data/assessment)',
  },
  examples: ['npm run assessment:migrate -- --status', 'DATABASE_URL=postgres://educube:educube@127.0.0.1:25432/educube npm run assessment:migrate'],
  exitCodes: { 0: 'applied (or listed)', 1: 'error: a migration failed or was edited after it was applied (the message names it)' },
});

async function main(): Promise<void> {
  const db = openDatabase({ databaseUrl: process.env['DATABASE_URL'] || undefined, dataDir: process.env['ASSESSMENT_DATA_DIR'] || '.data/assessment' });
  try {
    await migrationCommand(
      db,
      [
        EVENT_STORE_SCHEMA,
        CHECKPOINTS_SCHEMA,
        ASSESSMENT_APPLIED_EVENTS_SCHEMA,
        ASSESSMENT_DOCUMENTS_SCHEMA,
        ASSESSMENT_STANDINGS_SCHEMA,
        ASSESSMENT_NINGXIA_GRANTED_SCHEMA,
        ASSESSMENT_EVIDENCE_SCHEMA,
      ],
      { status: values['status'] === true },
      (line) => process.stdout.write(`${line}\n`),
    );
  } finally {
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
