import { sessionContract } from '../shared/contracts/session-contract';
import { workspaceContract } from '../shared/contracts/workspace-contract';
import type { Logger } from '../shared/log';
import type { ContractEmitter } from '../shared/rpc/contract';
import type { RpcServer } from '../shared/rpc/rpc-server';
import { AgentSession } from './agent-session';
import type { SecretStore } from './settings/secret-store';
import type { CacheKeySource } from './cache/cache-key';
import { sessionService } from './session-service';
import { registerSupervisorService } from './supervisor-service';
import { workspaceService } from './workspace-service';
import { attachmentsContract } from '../shared/contracts/attachments-contract';
import { draftsContract } from '../shared/contracts/drafts-contract';
import { createAttachmentReader } from './attachments/attachment-reader';
import { createAttachmentUploads } from './attachments/attachment-uploads';
import { attachmentsService } from './attachments/attachments-service';
import { draftsService } from './drafts-service';
import { knowledgeContract } from '../shared/contracts/knowledge-contract';
import { createKnowledge, type Knowledge } from './knowledge/knowledge-service';
import { assistDrafterFromEnv } from './nlp/assist-drafter-env';

export interface HostServicesConfig {
  hubUrl: string;
  dataDir: string;
  /** Days of history the offline cache keeps (pinned conversations are kept regardless). Default 30. */
  retentionDays?: number;
  /** Keeps the hub token between runs so an offline start can reconnect by itself (Electron: safeStorage). */
  secrets?: SecretStore;
  /** The account caches' key (Electron: sealed by safeStorage); by default `<dataDir>/cache.key`, mode 0600. */
  cacheKey?: CacheKeySource;
}

export interface HostServices {
  /** Called by the shell when the machine wakes: reconnect at once instead of waiting out a backoff. */
  wake(): void;
  /** Resolves once the account cache is closed (its thread stopped). */
  stop(): Promise<void>;
}

/** The desktop's services, independent of how they are carried to the UI (Electron IPC or WebSocket). */
export function startHostServices(config: HostServicesConfig, server: RpcServer, log: Logger): HostServices {
  let emitSession: ContractEmitter<typeof sessionContract> | null = null;
  let emitWorkspace: ContractEmitter<typeof workspaceContract> | null = null;
  let emitKnowledge: ContractEmitter<typeof knowledgeContract> | null = null;
  let knowledge: Knowledge | null = null;
  let wasOnline = false;

  const session = new AgentSession({
    hubUrl: config.hubUrl,
    dataDir: config.dataDir,
    log,
    retentionDays: config.retentionDays,
    secrets: config.secrets,
    cacheKey: config.cacheKey,
    listener: {
      connection: (state) => {
        emitSession?.('connection', state);
        // Each time the link comes up the knowledge base is fetched again, for search and suggestions offline.
        if (state.status === 'online' && !wasOnline) knowledge?.connected();
        wasOnline = state.status === 'online';
      },
      agent: (agent) => emitSession?.('agent', agent),
      queues: (queues) => emitWorkspace?.('queues', queues),
      conversation: (c) => emitWorkspace?.('conversation', c),
      inboxChange: (change) => emitWorkspace?.('inboxChange', change),
      customer: (c) => emitWorkspace?.('customer', c),
      message: (m) => emitWorkspace?.('message', m),
      offer: (o) => emitWorkspace?.('offer', o),
      offerRevoked: (offerId, reason) => emitWorkspace?.('offerRevoked', { offerId, reason }),
      notice: (notice) => emitSession?.('notice', notice),
      typing: (conversationId, typing) => emitWorkspace?.('typing', { conversationId, typing }),
      supervision: (notice) => emitWorkspace?.('supervision', notice),
      alert: (alert) => emitWorkspace?.('alert', alert),
    },
  });

  emitSession = server.register(sessionContract, sessionService(session));
  emitWorkspace = server.register(workspaceContract, workspaceService(session, () => emitWorkspace));
  server.register(draftsContract, draftsService(session));
  knowledge = createKnowledge({
    cache: () => session.cache,
    auth: () => session.hubAuth(),
    online: () => session.connection.status === 'online',
    log,
    synced: (event) => emitKnowledge?.('synced', event),
    drafter: assistDrafterFromEnv(process.env, log),
  });
  emitKnowledge = server.register(knowledgeContract, knowledge.impl);
  server.register(
    attachmentsContract,
    attachmentsService(
      createAttachmentUploads(() => session.hubAuth()),
      createAttachmentReader(() => (session.agent ? config.hubUrl : null)),
    ),
  );
  const supervisor = registerSupervisorService(server, { auth: () => session.hubAuth(), log });
  // The last account's cache is on screen before the hub answers, or without it.
  void session.resume();

  return {
    wake: () => session.wake(),
    stop: async () => {
      supervisor.stop();
      knowledge?.stop();
      await session.stop();
    },
  };
}
