import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionState, SessionNotice } from '../../shared/contracts/session-contract';
import type { WorkspaceMessage } from '../../shared/contracts/workspace-contract';
import type { QueueSla } from '../../shared/domain/queue-sla';
import { createMemoryLogger } from '../../shared/log';
import { AgentSession } from '../agent-session';
import type Database from 'better-sqlite3';
import { openCacheDatabase } from '../cache/cache-file';
import { fileCacheKey } from '../cache/cache-key';
import { createMemorySecretStore, type SecretStore } from '../settings/secret-store';

/** An AgentSession with everything it tells the UI recorded, for tests. */
/** `secrets` stands in for the OS keychain: share one between two rigs to model a restart that keeps the token. */
export function sessionRig(hubUrl: string, dataDir: string = mkdtempSync(join(tmpdir(), 'session-rig-')), secrets: SecretStore = createMemorySecretStore()) {
  const log = createMemoryLogger();
  const states: ConnectionState[] = [];
  const messages: WorkspaceMessage[] = [];
  const notices: SessionNotice[] = [];
  const queues: QueueSla[][] = [];
  const session = new AgentSession({
    hubUrl,
    dataDir,
    log,
    secrets,
    listener: {
      connection: (s) => states.push(s),
      agent: () => undefined,
      queues: (q) => queues.push(q),
      conversation: () => undefined,
      customer: () => undefined,
      message: (m) => messages.push(m),
      offer: () => undefined,
      offerRevoked: () => undefined,
      notice: (n) => notices.push(n),
    },
  });
  /**
   * A read-only SQLite connection to an account's cache file, for tests that look at rows (the host itself
   * only reaches the file through its cache thread). Close it when done.
   */
  const readCache = (agentId: string): Database.Database =>
    openCacheDatabase(join(dataDir, 'accounts', agentId, 'cache.sqlite'), fileCacheKey(dataDir)(), { readonly: true, fileMustExist: true });
  /** How far the open cache has synced (0 while none is open). */
  const cursor = async (): Promise<number> => (await session.cache?.syncState())?.cursor ?? 0;
  return { session, log, states, messages, notices, queues, dataDir, secrets, cursor, readCache };
}

/** Polls `check` (which may ask the cache thread, so it may be asynchronous) until it holds. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
