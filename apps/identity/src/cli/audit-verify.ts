// `npm run identity:audit-verify`: walks identity's audit log in seq order, recomputing its hash
// chain, and prints one line. Exit 0 intact, 2 broken (the first break is named), 1 error — so
// a cron job can alert on it and keep the printed head hash somewhere the database's owner cannot
// rewrite. Same DATABASE_URL / IDENTITY_DATA_DIR as the service. It only reads and installs
// nothing, so it may run beside the service on PostgreSQL; a PGlite directory opens in one
// process at a time, so stop the service first there.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { commandLine } from '@educube/cli';
import { AuditLog, type ChainVerification } from '@educube/identity-privacy';
import { openDatabase } from '../storage/storage';

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const stdio: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export function formatVerification(v: ChainVerification, where: string): string {
  const counts = `${v.entries} entries (${v.legacy} unchained legacy)`;
  if (v.firstBreak) return `audit chain BROKEN at seq ${v.firstBreak.seq}: ${v.firstBreak.reason}; ${counts} in ${where}`;
  return `audit chain intact: ${counts}, head ${v.head ? `seq ${v.head.seq} sha256 ${v.head.hash}` : 'none'} in ${where}`;
}

export async function main(env: Readonly<Record<string, string | undefined>> = process.env, io: CliOutput = stdio): Promise<number> {
  // an empty variable means unset, as the service's config reads it
  const databaseUrl = env['DATABASE_URL'] || undefined;
  const dataDir = env['IDENTITY_DATA_DIR'] || '.data/identity';
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    io.err('DATABASE_URL must be a postgres:// URL');
    return 1;
  }
  let where: string;
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    where = `${url.host}${url.pathname}`;
  } else {
    where = dataDir.startsWith('memory://') ? dataDir : resolve(dataDir);
    // opening a PGlite directory creates it: a mistyped path would verify an empty, new database
    if (!dataDir.startsWith('memory://') && !existsSync(where)) {
      io.err(`no identity database at ${where} (set IDENTITY_DATA_DIR or DATABASE_URL)`);
      return 1;
    }
  }
  const db = openDatabase({ databaseUrl, dataDir });
  try {
    const { rows } = await db.query<{ present: boolean; chained: boolean }>(
      `select to_regclass('audit.entries') is not null as present,
              exists (select 1 from information_schema.columns where table_schema = 'audit' and table_name = 'entries' and column_name = 'hash') as chained`,
    );
    if (!rows[0]?.present) {
      io.err(`no audit log in ${where}`);
      return 1;
    }
    if (!rows[0].chained) {
      io.err(`the audit log in ${where} predates the hash chain: start the identity service once to migrate it`);
      return 1;
    }
    const verification = await (await AuditLog.open(db, { install: false })).verifyChain();
    io.out(formatVerification(verification, where));
    return verification.firstBreak ? 2 : 0;
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  commandLine({
    command: 'npm run identity:audit-verify --',
    summary:
      "Walks identity's audit log in seq order, recomputing its hash chain, and prints one line: intact with\nthe head hash (keep it where the database's owner cannot rewrite it), or the first break. Reads only.\nOn PGlite stop the service first (one process at a time); on PostgreSQL it may run beside it.",
    env: {
      DATABASE_URL: "postgres:// URL of identity's database (as the service); unset: the PGlite directory below",
      IDENTITY_DATA_DIR: 'the PGlite directory (default .data/identity)',
    },
    examples: ['npm run identity:audit-verify', 'DATABASE_URL=postgres://educube:educube@127.0.0.1:25432/educube npm run identity:audit-verify'],
    exitCodes: { 0: 'chain intact', 1: 'error (no database, no audit log)', 2: 'chain broken (the first break is named); or bad arguments (usage on stderr)' },
  });
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`audit-verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
