// `npm run warehouse:migrate`: applies the data warehouse's pending schema migrations (what the service also does
// at start), or with --status lists each owner's applied and pending ones and changes nothing.
// Same DATABASE_URL / WAREHOUSE_DATA_DIR as the service.
import { commandLine } from '@educube/cli';
import { migrationCommand } from '@educube/postgres';
import { EVENT_STORE_SCHEMA } from '@educube/event-store';
import { READ_MODELS_SCHEMA } from '@educube/warehouse-read-models-postgres';
import { SOURCE_FACTS_SCHEMA } from '../alerts/source-facts.migrations';
import { DEAD_LETTERS_SCHEMA } from '../storage/dead-letters.migrations';
import { openDatabase } from '../storage/storage';

const { values } = commandLine({
  command: 'npm run warehouse:migrate --',
  summary:
    "Applies the data warehouse's pending schema migrations, as the service does at start; with --status,\nlists each schema owner's applied and pending migrations and changes nothing.",
  options: { status: { type: 'boolean', description: 'list applied and pending migrations, apply nothing' } },
  env: {
    DATABASE_URL: "the data warehouse's PostgreSQL (as the service); unset: the PGlite directory below",
    WAREHOUSE_DATA_DIR: 'the PGlite directory, as the service reads it (default .data/warehouse)',
  },
  examples: ['npm run warehouse:migrate -- --status', 'DATABASE_URL=postgres://educube:educube@127.0.0.1:25432/educube npm run warehouse:migrate'],
  exitCodes: { 0: 'applied (or listed)', 1: 'error: a migration failed or was edited after it was applied (the message names it)' },
});

async function main(): Promise<void> {
  const db = openDatabase({
    databaseUrl: process.env['DATABASE_URL'] || undefined,
    dataDir: process.env['WAREHOUSE_DATA_DIR'] || '.data/warehouse',
    poolSize: 2,
  }).db;
  try {
    await migrationCommand(
      db,
      [EVENT_STORE_SCHEMA, READ_MODELS_SCHEMA, DEAD_LETTERS_SCHEMA, SOURCE_FACTS_SCHEMA],
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
