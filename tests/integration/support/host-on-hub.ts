import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHostServices, type HostServices } from '../../../src/host/host-services';
import { sessionContract } from '../../../src/shared/contracts/session-contract';
import { workspaceContract } from '../../../src/shared/contracts/workspace-contract';
import { createMemoryLogger } from '../../../src/shared/log';
import { createPortPair } from '../../../src/shared/rpc/port';
import { createRpcClient } from '../../../src/shared/rpc/rpc-client';
import { createRpcServer } from '../../../src/shared/rpc/rpc-server';
import type { EventPayload } from '../../../src/shared/rpc/contract';

type WorkspaceEvents = { [K in keyof (typeof workspaceContract)['events'] & string]: EventPayload<typeof workspaceContract, K> };

/**
 * The desktop's host services, exactly as the shell starts them, talking to a real hub; the UI's side is
 * an RPC client that records every workspace event the renderer would get. Give an earlier run's
 * `dataDir` to start again on its cache.
 */
export function hostOnHub(hubUrl: string, dataDir: string = mkdtempSync(join(tmpdir(), 'host-on-hub-'))) {
  const log = createMemoryLogger();
  const server = createRpcServer(log);
  const services: HostServices = startHostServices({ hubUrl, dataDir }, server, log);
  const [a, b] = createPortPair();
  server.attach(a);
  const client = createRpcClient(b);
  const session = client.proxy(sessionContract);
  const workspace = client.proxy(workspaceContract);
  const seen: { [K in keyof WorkspaceEvents]: Array<WorkspaceEvents[K]> } = {
    conversation: [],
    inboxChange: [],
    customer: [],
    message: [],
    offer: [],
    offerRevoked: [],
    typing: [],
    alert: [],
    supervision: [],
    queues: [],
  };
  for (const name of Object.keys(seen) as Array<keyof WorkspaceEvents>) {
    workspace.on(name, (value) => (seen[name] as unknown[]).push(value));
  }
  return { session, workspace, seen, log, dataDir, wake: () => services.wake(), stop: () => services.stop() };
}
export type HostOnHub = ReturnType<typeof hostOnHub>;
