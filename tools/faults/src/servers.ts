/**
 * PostgreSQL and Kafka of this run only, started by the stack's own scripts on ports of their
 * own and a state directory under /var/tmp (the postgres user must reach it when run as root).
 * The faults act on these; the shared stack (25432, 29092, 28080) is never touched.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort, ROOT } from './processes';

const run = promisify(execFile);

export class PrivateServers {
  private constructor(
    readonly dir: string,
    readonly pgPort: number,
    readonly kafkaPort: number,
    readonly controllerPort: number,
  ) {}

  static async create(): Promise<PrivateServers> {
    const dir = mkdtempSync('/var/tmp/educube-faults-');
    chmodSync(dir, 0o755);
    const ports = new Set<number>();
    while (ports.size < 3) ports.add(await freePort());
    const [pg, kafka, controller] = [...ports] as [number, number, number];
    return new PrivateServers(dir, pg, kafka, controller);
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.kafkaPort}`];
  }

  /** A database of the private server, by name. */
  url(database: string): string {
    return `postgres://educube:educube@127.0.0.1:${this.pgPort}/${database}`;
  }

  private async script(name: 'postgres' | 'kafka', command: 'start' | 'stop'): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      EDUCUBE_RUN: this.dir,
      EDUCUBE_PG_PORT: String(this.pgPort),
      EDUCUBE_KAFKA_PORT: String(this.kafkaPort),
      EDUCUBE_KAFKA_CONTROLLER_PORT: String(this.controllerPort),
    };
    delete env['NODE_OPTIONS'];
    try {
      await run('bash', [join(ROOT, 'scripts', 'stack', `${name}.sh`), command], { cwd: ROOT, env, timeout: 180_000 });
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`${name}.sh ${command} failed: ${e.message}\n${e.stderr ?? ''}`);
    }
  }

  startPostgres = () => this.script('postgres', 'start');
  /** `pg_ctl stop -m fast`: every session ends with "terminating connection due to administrator command". */
  stopPostgres = () => this.script('postgres', 'stop');
  startKafka = () => this.script('kafka', 'start');
  stopKafka = () => this.script('kafka', 'stop');

  async start(): Promise<void> {
    await this.startPostgres();
    await this.startKafka();
  }

  /** One statement on the private server's maintenance database, on a connection of its own. */
  async admin<T extends object = Record<string, unknown>>(sql: string, params: unknown[] = [], database = 'postgres'): Promise<T[]> {
    const client = new Client({ connectionString: this.url(database), connectionTimeoutMillis: 5_000 });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async createDatabase(name: string): Promise<string> {
    await this.admin(`create database ${name}`);
    return this.url(name);
  }

  /** Writes refused everywhere: every new transaction is read-only (existing sessions pick it up on reload). */
  async setReadOnly(on: boolean): Promise<void> {
    const client = new Client({ connectionString: this.url('postgres'), connectionTimeoutMillis: 5_000 });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query('set default_transaction_read_only = off');
      await client.query(on ? 'alter system set default_transaction_read_only = on' : 'alter system reset default_transaction_read_only');
      await client.query('select pg_reload_conf()');
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    await this.stopKafka().catch(() => undefined);
    await this.stopPostgres().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
