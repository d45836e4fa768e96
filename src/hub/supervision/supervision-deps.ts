import type Database from 'better-sqlite3';
import type { TokenClaims } from '../auth/tokens';
import type { AgentAlert } from '../../shared/domain/agent-alert';
import { hasEnded, type Conversation } from '../../shared/domain/conversation';
import type { SentimentTrackerConfigInput } from '../../shared/nlp/alerts/tracker-config';
import type { Message } from '../../shared/domain/message';
import type { QueueMetrics } from '../../shared/domain/queue';
import type { Logger } from '../../shared/log';
import type { HubEvent } from '../../shared/protocol/hub-events';
import type { AgentSupervisionNotice } from '../../shared/protocol/supervisor-protocol';
import type { Result } from '../../shared/result';
import type { HubStore } from '../store/hub-store';
import type { PbxSupervisionConfig } from './pbx-dial';
import type { Escalations } from '../insights/escalations';
import type { HubLimits } from '../http/limits';
import type { Report, ReportQuery } from '../../shared/protocol/report-protocol';

/** The part of the hub store supervision reads; it never writes the store itself. */
export type SupervisionStore = Pick<
  HubStore,
  'agent' | 'agents' | 'queues' | 'queue' | 'conversation' | 'conversationsByStatus' | 'customer' | 'messages' | 'assignedLoad' | 'agentHandling' | 'ratingCounts'
>;

/**
 * Everything supervision needs from the hub, narrow on purpose: the lead wires each entry to
 * the real object in server.ts, and tests hand in the real store with small fakes for the rest.
 */
export interface SupervisionDeps {
  store: SupervisionStore;
  bus: { subscribe(listener: (event: HubEvent) => void): () => void };
  /**
   * The hub's session check: the same agent JWT the desktop already holds, good only while its session is. With
   * `expiresAt`, the socket closes when the token lapses unless a fresh one arrives first.
   */
  verifyToken(token: string): Promise<Result<TokenClaims & { expiresAt?: number }>>;
  isOnline(agentId: string): boolean;
  /** Delivers a notice to the agent's desktop over its /agent/ws socket; false when it is not connected. */
  notifyAgent(agentId: string, notice: AgentSupervisionNotice): boolean;
  /** Shows a sentiment alert to the agent the conversation is assigned to (a banner in the conversation). */
  alertAgent?(agentId: string, alert: AgentAlert): void;
  /**
   * Escalation at once (complaint-risk phrases, a strongly negative message, agitation on a call): records it on
   * the conversation (raising its priority) and says whether to alert. Without it, only trajectory alerts fire.
   */
  escalations?: Escalations;
  /** Sentiment alert thresholds and hysteresis (the hub config's `sentimentAlerts`); the tracker's defaults otherwise. */
  sentimentAlerts?: SentimentTrackerConfigInput;
  /** An internal note in the conversation (never sent to the customer), written as the supervisor. */
  whisper(supervisorId: string, conversationId: string, text: string, key: string): Result<Message> | Promise<Result<Message>>;
  /** Reassigns the conversation to the supervisor (the hub's `conversation.takeover` command). */
  takeOver(supervisorId: string, conversationId: string, key: string): Result<unknown> | Promise<Result<unknown>>;
  /** The routing module's queue metrics (routing/queue-metrics.ts): one formula for routing, the API and the wallboard. */
  queueMetrics: () => QueueMetrics[];
  /** A historical report (reports/report-builder.ts) for the console's Reports tab. */
  report?(query: ReportQuery): Result<Report>;
  /** PBX mode (the hub config's `supervisionPbx`): the supervisor's phone dials the PBX; the agent's desktop is not told. */
  pbx?: PbxSupervisionConfig;
  /**
   * The hub's own database (hub migration 20 made its supervision tables): the audit log, alert feed and trend
   * points are written through it. The hub closes it; supervision drops writes that come after.
   */
  db: Database.Database;
  log: Logger;
  now?: () => number;
  options?: Partial<SupervisionOptions>;
  /**
   * Runs recurring work (SLA checks, trend points, alert retention) as jobs in the hub database, so it keeps its
   * time across restarts; without it, in-process timers do.
   */
  every?: (kind: string, intervalMs: number, run: () => void) => void;
  /** Socket bounds (hello deadline, back-pressure, bad frames); the hub's defaults when absent. */
  limits?: HubLimits;
}

export interface SupervisionOptions {
  /** How often connected supervisors get a fresh wallboard (only when it changed). */
  wallboardIntervalMs: number;
  /** Spacing of the per-queue trend points. */
  trendIntervalMs: number;
  /** How many trend points each queue keeps. */
  trendPoints: number;
  /** How often waiting contacts and queue service levels are checked for SLA alerts. */
  slaCheckMs: number;
  /** Alerts the feed holds and shows (and reloads after a restart); older ones drop off it. */
  alertLimit: number;
  /**
   * How long raised alerts stay in the hub database. Older rows are deleted at start and hourly,
   * except an SLA breach that still stands. Acknowledgements stay in the audit log regardless.
   */
  alertRetentionMs: number;
}

export const defaultSupervisionOptions: SupervisionOptions = {
  wallboardIntervalMs: 2_000,
  trendIntervalMs: 60_000,
  trendPoints: 60,
  slaCheckMs: 5_000,
  alertLimit: 200,
  alertRetentionMs: 30 * 24 * 3_600_000,
};

/** Conversations that are still going on, for the live-contacts table. */
export const isLive = (c: Conversation): boolean => !hasEnded(c.status);
