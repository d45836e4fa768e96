import type { Attachment } from '../../shared/domain/message';
import type { ComplianceChecker, ComplianceFinding } from '../../shared/nlp/compliance/compliance-check';
import type { Logger } from '../../shared/log';
import type { HubCommand } from '../../shared/protocol/hub-protocol';
import type { Result } from '../../shared/result';
import type { AgentStates } from '../agent-states';
import type { ConversationService } from '../conversation-service';
import type { Lifecycle } from '../conversations/lifecycle';
import type { CrmAdapter } from '../crm/crm-adapter';
import type { MergeService } from '../identity/merge-service';
import type { OutboundDelivery } from '../jobs/outbound-delivery';
import type { SocketRegistry } from '../socket-registry';
import type { Router } from '../routing/router';
import type { AgentRecord, HubStore } from '../store/hub-store';
import type { AuditEntry } from '../supervision/audit-log';
import type { CallRecorder } from '../voice/call-recorder';

export interface CommandDeps {
  store: HubStore;
  router: Router;
  lifecycle: Lifecycle;
  conversations: ConversationService;
  agentStates: AgentStates;
  merges: MergeService;
  crm: CrmAdapter;
  presence: SocketRegistry;
  /** Replies delivered as jobs; an agent may try a failed one again. */
  delivery: Pick<OutboundDelivery, 'retry'>;
  /** Agent uploads by id, checked to belong to the agent. */
  agentAttachments(agentId: string, ids: string[]): Result<Attachment[]>;
  log: Logger;
  /** Feeds a voice sentiment sample to supervision's live sentiment (bound late: supervision is built after commands). */
  voiceSentiment?(conversationId: string, score: number): void;
  /** Checks an agent's reply for forbidden phrases and full ID or card numbers (hub config `compliance`). */
  compliance?: ComplianceChecker;
  /** A reply went out despite the compliance warning: supervisors get an alert (bound late, as voiceSentiment). */
  complianceAlert?(conversationId: string, agentId: string, findings: ComplianceFinding[]): void;
  /** The supervision audit log (bound late: supervision is built after commands). */
  audit?(entry: AuditEntry): void;
  /** Call recording in rtpengine; absent when the hub has no recording directory. */
  recorder?: CallRecorder;
  now: () => number;
}

export type CommandKind = HubCommand['kind'];
export type CommandOf<K extends CommandKind> = Extract<HubCommand, { kind: K }>;

/** Who is asking, and the key their desktop gave the command (scoped to them). */
export interface CommandContext {
  deps: CommandDeps;
  agent: AgentRecord;
  key: string;
  /** `console`: the supervisor console, which audits and notifies on its own; `agent`: the agent socket. */
  origin: CommandOrigin;
}

export type CommandOrigin = 'agent' | 'console';

/** Decides whether the agent may run the command, and finds what it acts on. */
export type Guard<C, T> = (ctx: CommandContext, command: C) => Result<T>;

export interface CommandHandler<K extends CommandKind> {
  /**
   * False for what is worthless later and never retried (voice telemetry): its key is not kept,
   * so a stream of samples leaves no idempotency records behind.
   */
  remember: boolean;
  execute(ctx: CommandContext, command: CommandOf<K>): Promise<Result<unknown>>;
}

/** A handler whose guard always runs first: no command reaches its work unchecked. */
export function defineHandler<K extends CommandKind, T>(_kind: K, handler: {
  guard: Guard<CommandOf<K>, T>;
  remember?: boolean;
  run(ctx: CommandContext, command: CommandOf<K>, target: T): Result<unknown> | Promise<Result<unknown>>;
}): CommandHandler<K> {
  return {
    remember: handler.remember ?? true,
    async execute(ctx, command) {
      const target = handler.guard(ctx, command);
      if (!target.ok) return target;
      return handler.run(ctx, command, target.value);
    },
  };
}
