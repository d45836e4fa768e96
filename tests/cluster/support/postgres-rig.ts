import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../scripts/sip/free-port';
import { startManagedProcess, waitUntilReady, type ManagedProcess } from '../../../scripts/sip/managed-process';
import { makeRigDir, runningAsRoot, systemAccount } from './rig-dir';

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
  const as = (command: string): [string, string[]] =>
    account ? ['setpriv', ['--reuid', String(account.uid), '--regid', String(account.gid), '--init-groups', '--', command]] : [command, []];
  const dir = makeRigDir('switchboard-pg', account ?? undefined);
  const data = join(dir.path, 'data');
  let proc: ManagedProcess | null = null;
  try {
    const [initdb, initdbPrefix] = as(`${BIN}/initdb`);
    await run(initdb, [...initdbPrefix, '-D', data, '-A', 'trust', '-U', 'switchboard', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const port = await freePort();
    const [postgres, prefix] = as(`${BIN}/postgres`);
    // Durability settings off: a test database is thrown away, and fsync costs seconds on a busy disk.
    const settings = ['listen_addresses=127.0.0.1', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'];
    proc = startManagedProcess(
      postgres,
      [...prefix, '-D', data, '-p', String(port), '-k', dir.path, ...settings.flatMap((s) => ['-c', s])],
      join(dir.path, 'postgres.log'),
      { stopSignal: 'SIGINT' },
    );
    const started = proc;
    await waitUntilReady(started, 'postgres', async () => started.tail().includes('ready to accept connections'));
    const psql = async (database: string, statement: string): Promise<string> =>
      (await run(`${BIN}/psql`, ['-h', '127.0.0.1', '-p', String(port), '-U', 'switchboard', '-d', database, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', statement])).stdout.trim();
    await psql('postgres', 'CREATE DATABASE switchboard');
    return {
      url: `postgres://switchboard@127.0.0.1:${port}/switchboard`,
      port,
      pid: started.child.pid ?? -1,
      dir: dir.path,
      sql: (statement) => psql('switchboard', statement),
      stop: async () => {
        await started.stop();
        dir.remove();
      },
    };
  } catch (cause) {
    await proc?.stop();
    dir.remove();
    throw cause;
  }
}
