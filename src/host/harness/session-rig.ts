import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionState, SessionNotice } from '../../shared/contracts/session-contract';
import type { WorkspaceMessage } from '../../shared/contracts/workspace-contract';
import type { QueueSla } from '../../shared/domain/queue-sla';
import { createMemoryLogger } from '../../shared/log';
import { AgentSession } from '../agent-session';
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
  return { session, log, states, messages, notices, queues, dataDir, secrets };
}

export async function until(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
