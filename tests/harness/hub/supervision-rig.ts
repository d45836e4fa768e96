/**
 * A hub in miniature for supervision tests: the real store, bus, tokens, conversation service,
 * router and command executor, with registerSupervision on a Fastify app listening on loopback.
 * Only the agent-desktop notice path is captured instead of sent, since /agent/ws does not
 * carry supervision frames until the lead wires them.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createMemoryLogger } from '../../../src/shared/log';
import type { Role } from '../../../src/shared/domain/agent';
import {
  SUPERVISOR_PROTOCOL_VERSION,
  supervisorServerFrameSchema,
  type AgentSupervisionNotice,
  type SupervisorRequestInput,
  type SupervisorServerFrame,
} from '../../../src/shared/protocol/supervisor-protocol';
import type { Result } from '../../../src/shared/result';
import { createCommandExecutor } from '../../../src/hub/commands/command-registry';
import { createAgentStates } from '../../../src/hub/agent-states';
import { createJobWorker, type JobWorker } from '../../../src/hub/jobs/job-worker';
import { createTokenIssuer } from '../../../src/hub/auth/tokens';
import { createSessions } from '../../../src/hub/auth/sessions';
import { createConversationService } from '../../../src/hub/conversation-service';
import { createLifecycle } from '../../../src/hub/conversations/lifecycle';
import { createEventPublisher } from '../../../src/hub/event-publisher';
import { queueMetrics } from '../../../src/hub/routing/queue-metrics';
import { createBuiltinCrm } from '../../../src/hub/crm/builtin-crm';
import { createEventBus } from '../../../src/hub/event-bus';
import { createIdentityResolver } from '../../../src/hub/identity/identity-resolver';
import { createMergeService } from '../../../src/hub/identity/merge-service';
import { createSocketRegistry } from '../../../src/hub/socket-registry';
import { createRouter, type Router } from '../../../src/hub/routing/router';
import { openHubDatabase, sqliteHubStore } from '../../../src/hub/store/sqlite-hub-store';
import type { PbxSupervisionConfig } from '../../../src/hub/supervision/pbx-dial';
import { registerSupervision } from '../../../src/hub/supervision/register-supervision';
import { createEscalations } from '../../../src/hub/insights/escalations';
import { createEscalationRules } from '../../../src/shared/nlp/escalation/escalation-rules';

export interface RigOptions {
  /** The hub config's `supervisionPbx`, parsed: call supervision in PBX mode. */
  pbx?: PbxSupervisionConfig;
  /** Spacing of the wallboard's trend points; 1 ms (a point at every tick) unless a test needs real spacing. */
  trendIntervalMs?: number;
}

export async function startRig(options: RigOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-supervision-'));
  const log = createMemoryLogger();
  const db = openHubDatabase(join(dir, 'hub.sqlite'));
  const store = sqliteHubStore(db);
  const bus = createEventBus();
  const tokens = createTokenIssuer('supervision-test-secret-that-is-long-enough', 3600);
  // As on the hub: a token counts only for a session the hub started (#17).
  const sessions = createSessions({ store, tokens, maxAgeSeconds: 12 * 3600 });
  const presence = createSocketRegistry();
  let skew = 0;
  const now = () => Date.now() + skew;
  /** The hub's own clock (lifecycle moves), apart from supervision's: a test can age one without the other. */
  let hubSkew = 0;
  const hubNow = () => Date.now() + hubSkew;
  const events = createEventPublisher(store, bus);
  const lifecycle = createLifecycle(store, events, hubNow);
  const merges = createMergeService(store, () => lifecycle, events.publish, Date.now);
  const identities = createIdentityResolver(store, merges, log, Date.now);
  const conversations = createConversationService(store, events, lifecycle, () => identities);
  const router: Router = createRouter(store, presence, lifecycle, log, { offerTimeoutMs: 60_000 });
  let jobs: JobWorker | null = null;
  const agentStates = createAgentStates(store, presence, () => router, log, { afterCallWorkMs: 60_000, jobs: () => jobs! });
  jobs = createJobWorker(store, { 'acw.end': (p) => agentStates.finishAfterCallWork((p as { agentId: string }).agentId) }, log);
  jobs.start();
  const commands = createCommandExecutor({
    store,
    router,
    lifecycle,
    conversations,
    agentStates,
    merges,
    crm: createBuiltinCrm(store),
    presence,
    // No external channels in this rig: nothing is delivered as a job.
    delivery: { retry: () => ({ ok: false, error: { code: 'not_found', message: 'no such reply to a customer' } }) },
    agentAttachments: () => ({ ok: true, value: [] }),
    log,
  });

  const at = Date.now();
  const people: Array<[string, string, Role]> = [
    ['agt_alice', 'Alice Wang', 'agent'],
    ['agt_sam', 'Sam Chen', 'supervisor'],
    ['agt_root', 'Admin', 'admin'],
  ];
  for (const [id, displayName, role] of people) {
    store.insertAgent({
      id, username: id.slice(4), displayName, role, passwordHash: 'x', skills: ['chat', 'voice'], queues: ['chat', 'voice'],
      capacity: 3, state: 'available', stateReason: null, stateSince: at, idleSince: at, sipUser: id.slice(4),
    });
  }
  store.upsertQueue({ id: 'chat', name: 'Chat', skills: ['chat'], slaSeconds: 30, slaTarget: 0.9 });
  store.upsertQueue({ id: 'voice', name: 'Voice', skills: ['voice'], slaSeconds: 20, slaTarget: 0.8 });

  const notices: Array<{ agentId: string; notice: AgentSupervisionNotice }> = [];
  const online = new Set(['agt_alice']);
  const outbound: string[] = [];
  conversations.onOutbound((m) => outbound.push(m.id));

  /** The hub's HTTP side with supervision on it; stopped and started again by `restartSupervision`. */
  const serve = async (trendIntervalMs: number) => {
    const app: FastifyInstance = Fastify({ logger: false });
    await app.register(websocket);
    const supervision = registerSupervision(app, {
      store,
      bus,
      verifyToken: async (t) => {
        const found = await sessions.authenticate(t);
        return found.ok ? { ok: true, value: found.value.claims } : found;
      },
      isOnline: (id) => online.has(id),
      notifyAgent: (agentId, notice) => {
        if (!online.has(agentId)) return false;
        notices.push({ agentId, notice });
        return true;
      },
      whisper: (sup, conversationId, text, key) => conversations.reply(sup, conversationId, { text, internal: true }, key),
      takeOver: (sup, conversationId, key) => commands.execute(sup, { kind: 'conversation.takeover', conversationId }, key),
      queueMetrics: () => queueMetrics(store, { isOnline: (id) => online.has(id) }, now()),
      pbx: options.pbx,
      escalations: createEscalations({ store, lifecycle, rules: createEscalationRules(), log }),
      db,
      log,
      now,
      // Timers far apart: tests drive the wallboard and SLA checks with tick().
      options: { wallboardIntervalMs: 3_600_000, slaCheckMs: 3_600_000, trendIntervalMs },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return { app, supervision, port };
  };
  const trendIntervalMs = options.trendIntervalMs ?? 1;
  let hub = await serve(trendIntervalMs);

  /** A token for a session started for `sub`, claiming `role` (a test may claim a role the agent does not have). */
  const token = async (sub: string, role: Role) => {
    const agent = store.agent(sub);
    if (!agent) throw new Error(`no agent ${sub} in the rig`);
    return (await tokens.issue({ sub, role, sid: sessions.start(agent).id })).token;
  };

  return {
    store, bus, lifecycle, conversations, log, notices, online, outbound, router, token, now,
    /** Where hub.sqlite (supervision's tables among the hub's) lives. */
    dataDir: dir,
    get supervision() {
      return hub.supervision;
    },
    advance: (ms: number) => (skew += ms),
    advanceHub: (ms: number) => (hubSkew += ms),
    connect: (t: string) => SupervisorTestClient.open(`ws://127.0.0.1:${hub.port}/supervisor/ws`, t),
    /**
     * Closes the Fastify app that carries supervision (its sockets and timers) and registers supervision
     * afresh on a new app over the same hub database, as a hub restart does; the database stays open, as the
     * store has its own tests for surviving a restart.
     */
    async restartSupervision() {
      await hub.app.close();
      hub = await serve(trendIntervalMs);
    },
    /** A customer writing in the web widget, as the widget channel would ingest it. */
    customerSays(visitor: string, text: string, queue = 'chat') {
      const r = conversations.ingest({ channel: 'widget', identity: { kind: 'widget_visitor', value: visitor }, customerName: `Visitor ${visitor}`, text, key: null, queue });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    },
    async stop() {
      router.stop();
      agentStates.stop();
      await jobs?.stop();
      await hub.app.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type Rig = Awaited<ReturnType<typeof startRig>>;

/** Alice answers the contact, as the router's offer or a call's answer would have it. */
export function answer(rig: Pick<Rig, 'lifecycle'>, conversationId: string, agentId = 'agt_alice'): void {
  const answered = rig.lifecycle.move(conversationId, { kind: 'answer', agentId });
  if (!answered.ok) throw new Error(answered.error.message);
}

/** A supervisor console's socket, as the host service would hold it. */
export class SupervisorTestClient {
  readonly frames: SupervisorServerFrame[] = [];
  closeCode: number | null = null;
  private waiters: Array<() => void> = [];
  private rid = 0;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(supervisorServerFrameSchema.parse(JSON.parse(String(data))));
      this.waiters.splice(0).forEach((w) => w());
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.waiters.splice(0).forEach((w) => w());
    });
  }

  static async open(url: string, token: string): Promise<SupervisorTestClient> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const client = new SupervisorTestClient(ws);
    ws.send(JSON.stringify({ v: SUPERVISOR_PROTOCOL_VERSION, type: 'hello', token }));
    return client;
  }

  async next<T extends SupervisorServerFrame['type']>(type: T, match: (f: Extract<SupervisorServerFrame, { type: T }>) => boolean = () => true) {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = this.frames.find((f): f is Extract<SupervisorServerFrame, { type: T }> => f.type === type && match(f as Extract<SupervisorServerFrame, { type: T }>));
      if (found) return found;
      if (this.closeCode !== null && type !== 'error') throw new Error(`socket closed (${this.closeCode}) before ${type}`);
      if (Date.now() > deadline) throw new Error(`no ${type} frame`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async closed(): Promise<number> {
    const deadline = Date.now() + 5_000;
    while (this.closeCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return this.closeCode ?? -1;
  }

  async request(request: SupervisorRequestInput): Promise<Result<unknown>> {
    const rid = `r${++this.rid}`;
    this.ws.send(JSON.stringify({ v: SUPERVISOR_PROTOCOL_VERSION, type: 'request', rid, request }));
    const reply = await this.next('reply', (f) => f.rid === rid);
    return reply.result as Result<unknown>;
  }

  close(): void {
    this.ws.close();
  }
}
