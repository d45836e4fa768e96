import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../src/host/telephony/free-port';
import { runningAsRoot, systemAccount } from './rig-dir';
import { startRigDaemon } from './rig-daemon';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

/** A throwaway PostgreSQL 15 server: its own cluster in a temporary folder, on a free loopback port. */
export interface PostgresRig {
  /** `postgres://switchboard@127.0.0.1:PORT/switchboard`, trust authentication on loopback. */
  url: string;
  port: number;
  pid: number;
  dir: string;
  /** Runs SQL through psql and gives back its unaligned output (tests only). */
  sql(statement: string): Promise<string>;
  /** Fast shutdown (SIGINT: open sessions are ended), then the folder is deleted. */
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresRig> {
  if (!existsSync(`${BIN}/postgres`)) throw new Error('PostgreSQL 15 is not installed (apt-get install postgresql-15)');
  // initdb and postgres refuse to run as root: as root the cluster belongs to the postgres account.
  const account = runningAsRoot() ? systemAccount('postgres') : null;
  if (runningAsRoot() && !account) throw new Error('no postgres account to run PostgreSQL as (apt-get install postgresql-15 creates it)');
  const as = (command: string, args: string[]): [string, string[]] =>
    account ? ['setpriv', ['--reuid', String(account.uid), '--regid', String(account.gid), '--init-groups', '--', command, ...args]] : [command, args];
  const port = await freePort();
  const psql = async (database: string, statement: string): Promise<string> =>
    (await run(`${BIN}/psql`, ['-h', '127.0.0.1', '-p', String(port), '-U', 'switchboard', '-d', database, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', statement])).stdout.trim();
  const daemon = await startRigDaemon(
    'switchboard-pg',
    async (dir) => {
      const data = join(dir, 'data');
      await run(...as(`${BIN}/initdb`, ['-D', data, '-A', 'trust', '-U', 'switchboard', '-E', 'UTF8', '--no-sync', '--no-instructions']));
      // Durability settings off: a test database is thrown away, and fsync costs seconds on a busy disk.
      const settings = ['listen_addresses=127.0.0.1', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'];
      const [command, args] = as(`${BIN}/postgres`, ['-D', data, '-p', String(port), '-k', dir, ...settings.flatMap((s) => ['-c', s])]);
      return { name: 'postgres', command, args, options: { stopSignal: 'SIGINT' }, ready: async (tail) => tail.includes('ready to accept connections') };
    },
    account ?? undefined,
  );
  try {
    await psql('postgres', 'CREATE DATABASE switchboard');
  } catch (cause) {
    await daemon.stop();
    throw cause;
  }
  return { ...daemon, url: `postgres://switchboard@127.0.0.1:${port}/switchboard`, port, sql: (statement) => psql('switchboard', statement) };
}
