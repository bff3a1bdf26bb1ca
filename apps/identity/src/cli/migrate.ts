// `npm run identity:migrate`: applies the identity service's pending schema migrations (what the service also does
// at start), or with --status lists each owner's applied and pending ones and changes nothing.
// Same DATABASE_URL / IDENTITY_DATA_DIR as the service.
import { commandLine } from '@educube/cli';
import { migrationCommand } from '@educube/postgres';
import { AUDIT_LOG_SCHEMA, PERSONAL_DATA_SCHEMA } from '@educube/identity-privacy';
import { EVENT_STORE_SCHEMA } from '@educube/event-store';
import { openDatabase } from '../storage/storage';

const { values } = commandLine({
  command: 'npm run identity:migrate --',
  summary:
    "Applies the identity service's pending schema migrations, as the service does at start; with --status,\nlists each schema owner's applied and pending migrations and changes nothing.",
  options: { status: { type: 'boolean', description: 'list applied and pending migrations, apply nothing' } },
  env: {
    DATABASE_URL: "the identity service's PostgreSQL (as the service); unset: the PGlite directory below",
    IDENTITY_DATA_DIR: 'the PGlite directory, as the service reads it (default .data/identity)',
  },
  examples: ['npm run identity:migrate -- --status', 'DATABASE_URL=postgres://educube:educube@127.0.0.1:25432/educube npm run identity:migrate'],
  exitCodes: { 0: 'applied (or listed)', 1: 'error: a migration failed or was edited after it was applied (the message names it)' },
});

async function main(): Promise<void> {
  const db = openDatabase({ databaseUrl: process.env['DATABASE_URL'] || undefined, dataDir: process.env['IDENTITY_DATA_DIR'] || '.data/identity' });
  try {
    await migrationCommand(db, [EVENT_STORE_SCHEMA, AUDIT_LOG_SCHEMA, PERSONAL_DATA_SCHEMA], { status: values['status'] === true }, (line) =>
      process.stdout.write(`${line}\n`),
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
