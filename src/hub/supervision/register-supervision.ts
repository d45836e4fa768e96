import { hasEnded } from '../../shared/domain/conversation';
import type { FastifyInstance } from 'fastify';
// Brings in the `websocket: true` route option's types; the hub registers the plugin itself.
import type {} from '@fastify/websocket';
import { SUPERVISOR_PROTOCOL_VERSION, SUPERVISOR_WS_PATH, type SupervisorServerFrameInput, type Wallboard } from '../../shared/protocol/supervisor-protocol';
import type { SentimentAlert } from '../../shared/nlp/alerts/sentiment-tracker';
import type { EscalationInput } from '../../shared/nlp/escalation/escalation-rules';
import type { ComplianceFinding } from '../../shared/nlp/compliance/compliance-check';
import { createAlertFeed } from './alert-feed';
import { createAlertStore } from './alert-store';
import { createAuditLog, type AuditLog } from './audit-log';
import { createLiveSentiment, type LiveSentiment } from './live-sentiment';
import { createSessionRegistry } from './session-registry';
import type { SupervisionCore } from './supervision-core';
import { defaultSupervisionOptions, type SupervisionDeps } from './supervision-deps';
import { handleSupervisorSocket } from './supervisor-socket';
import { TrendRecorder } from './trend-recorder';
import { createTrendStore } from './trend-store';
import { computeWallboard } from './wallboard';

const ALERT_PRUNE_EVERY_MS = 3_600_000;

export interface SupervisionHandle {
  /** An agent's reply went out despite a compliance warning: an alert for supervisors. */
  reportCompliance(conversationId: string, agentId: string, findings: ComplianceFinding[]): void;
  /** A sentiment score from outside the hub's text model, e.g. voice agitation on a call. */
  reportSentiment(conversationId: string, score: number, source: 'text' | 'voice'): void;
  /** A customer's low satisfaction rating: an alert in every supervisor's feed. */
  lowRating(rating: { conversationId: string; queue: string; agentId: string | null; rating: number; at: number }): void;
  audit: AuditLog;
  /** Recomputes and pushes the wallboard and SLA alerts now (tests; the timers do it otherwise). */
  tick(): void;
}

/**
 * Adds `/supervisor/ws` to the hub. Call before `app.listen` (Fastify takes no routes after it),
 * after `@fastify/websocket` is registered. Timers stop with the app; the hub database stays the hub's to close.
 * The alert feed and the trend lines are reloaded from the hub database, so they survive a restart.
 */
export function registerSupervision(app: FastifyInstance, deps: SupervisionDeps): SupervisionHandle {
  const options = { ...defaultSupervisionOptions, ...deps.options };
  const now = deps.now ?? Date.now;
  const v = SUPERVISOR_PROTOCOL_VERSION;
  const { db } = deps;
  const audit = createAuditLog(db);
  const alertStore = createAlertStore(db);
  /** Alerts older than the retention go, except SLA breaches that still stand (the checks need them). */
  const pruneAlerts = (): void => {
    try {
      const removed = alertStore.prune(now() - options.alertRetentionMs);
      if (removed > 0) deps.log.log('info', 'supervision alerts past retention deleted', { count: removed });
    } catch (cause) {
      deps.log.log('error', 'supervision alert retention failed', { detail: cause instanceof Error ? cause.message : String(cause) });
    }
  };
  // Before the feed loads, so it never shows what is past the retention.
  pruneAlerts();
  const alerts = createAlertFeed({ limit: options.alertLimit, store: alertStore, log: deps.log });
  const trend = new TrendRecorder(options.trendIntervalMs, options.trendPoints, createTrendStore(db), deps.log, now());
  let sentiment: LiveSentiment | null = null;
  // The classifier decodes its weights on first use; only pay for that once someone supervises or a message arrives.
  const liveSentiment = (): LiveSentiment => (sentiment ??= createLiveSentiment(undefined, deps.sentimentAlerts));
  /** One alert, two audiences: the supervisors' feed, and a banner for the agent on the conversation. */
  const raiseSentiment = (raised: SentimentAlert, source: 'text' | 'voice'): void => {
    const conversation = deps.store.conversation(raised.conversationId);
    const alert = alerts.sentiment(raised, conversation);
    const assignee = !conversation || hasEnded(conversation.status) ? null : conversation.assigneeId;
    const shownEscalation = agentEscalatedAt.get(raised.conversationId);
    if (shownEscalation !== undefined && raised.at - shownEscalation < escalationQuietMs) return;
    if (assignee && deps.alertAgent) {
      deps.alertAgent(assignee, { id: alert.id, conversationId: raised.conversationId, reason: raised.kind, score: raised.level, source, at: raised.at });
    }
  };
  /**
   * When the agent on a conversation was last shown an escalation: a trajectory alert soon after it tells them
   * nothing new (one alert per run of anger), though supervisors still get it in their feed.
   */
  const agentEscalatedAt = new Map<string, number>();
  const escalationQuietMs = deps.escalations?.rules.config.repeatAfterMs ?? 0;
  /** Escalation at once: the same two audiences, with the rule and the words that fired it. */
  const escalate = (conversationId: string, input: EscalationInput, at: number): void => {
    const fired = deps.escalations?.consider(conversationId, input, at);
    if (!fired) return;
    const { escalation, conversation } = fired;
    const alert = alerts.escalation(escalation, conversation, at);
    if (conversation.assigneeId && deps.alertAgent) {
      agentEscalatedAt.set(conversationId, at);
      deps.alertAgent(conversation.assigneeId, {
        id: alert.id,
        conversationId,
        reason: escalation.reason,
        score: escalation.score,
        source: input.source,
        at,
        ...(escalation.words.length > 0 ? { words: escalation.words } : {}),
      });
    }
  };
  const sessions = createSessionRegistry({ store: deps.store, audit, isOnline: deps.isOnline, notifyAgent: deps.notifyAgent, pbx: deps.pbx });

  const wallboard = (): Wallboard =>
    computeWallboard(
      {
        store: deps.store,
        isOnline: deps.isOnline,
        queueMetrics: deps.queueMetrics,
        trend,
        sentiment: (id) => liveSentiment().of(id),
        sessionFor: (id) => sessions.sessionFor(id),
      },
      now(),
    );

  const core: SupervisionCore = {
    deps,
    now,
    audit,
    alerts,
    sessions,
    get sentiment() {
      return liveSentiment();
    },
    connections: new Set(),
    wallboard,
    notifyAgent: deps.notifyAgent,
  };
  const broadcast = (frame: SupervisorServerFrameInput): void => {
    for (const c of core.connections) c.send(frame);
  };

  alerts.onChange((alert) => broadcast({ v, type: 'alert', alert }));
  sessions.onChange((session) => broadcast({ v, type: 'session', session }));

  const unsubscribe = deps.bus.subscribe((event) => {
    const at = now();
    if (event.kind === 'message.created') {
      const { message } = event;
      for (const c of core.connections) if (c.watching.has(message.conversationId)) c.send({ v, type: 'chat.message', message });
      if (message.authorKind === 'customer' && !message.internal) {
        const scored = liveSentiment().text(message.conversationId, message.text, message.createdAt);
        if (scored) {
          escalate(message.conversationId, { source: 'text', text: message.text, score: scored.score }, at);
          if (scored.alert) raiseSentiment(scored.alert, 'text');
        }
      }
    } else if (event.kind === 'conversation.upserted') {
      const { conversation } = event;
      sessions.conversationChanged(conversation, at);
      for (const c of core.connections) if (c.watching.has(conversation.id)) c.send({ v, type: 'chat.conversation', conversation });
      if (hasEnded(conversation.status)) {
        sentiment?.forget(conversation.id);
        agentEscalatedAt.delete(conversation.id);
      }
    }
  });

  let lastBoard = '';
  let latest: Wallboard | null = null;
  const pushWallboard = (): void => {
    latest = wallboard();
    if (core.connections.size === 0) return;
    const text = JSON.stringify({ ...latest, at: 0 });
    if (text === lastBoard) return;
    lastBoard = text;
    broadcast({ v, type: 'wallboard', wallboard: latest });
  };
  // The check reads a board computed at the same instant, and supervisors get that board first:
  // a breach alert never stands beside a service level that says otherwise.
  const checkSla = (): void => {
    pushWallboard();
    const board = latest ?? wallboard();
    const waiting = [...deps.store.conversationsByStatus('queued'), ...deps.store.conversationsByStatus('offered')];
    alerts.checkSla(board.at, waiting, deps.store.queues(), board.queues);
  };
  const guard = (what: string, fn: () => void) => () => {
    try {
      fn();
    } catch (cause) {
      deps.log.log('error', `supervision ${what} failed`, { detail: cause instanceof Error ? cause.message : String(cause) });
    }
  };
  // The wallboard is pushed to this hub's own sockets, so its timer stays in the process.
  const timers = [setInterval(guard('wallboard', pushWallboard), options.wallboardIntervalMs)];
  let closed = false;
  const every =
    deps.every ??
    ((_kind: string, intervalMs: number, run: () => void) => {
      timers.push(setInterval(run, intervalMs));
    });
  // A job may still fall due while the hub closes: once the app is closed it does nothing.
  const whileOpen = (fn: () => void) => () => {
    if (!closed) fn();
  };
  every('supervision.sla-check', options.slaCheckMs, whileOpen(guard('sla check', checkSla)));
  // Computing the wallboard records a trend point when one is due: as a job, at its interval even with nobody
  // watching; without jobs, the wallboard's own timer takes the points.
  if (deps.every) deps.every('supervision.trend-point', options.trendIntervalMs, whileOpen(guard('trend point', () => void (latest = wallboard()))));
  every('supervision.alert-retention', ALERT_PRUNE_EVERY_MS, whileOpen(pruneAlerts));
  timers.forEach((t) => t.unref());
  // The classifier decodes its weights on first use; do it now rather than in the first angry customer's second.
  const warm = setTimeout(guard('sentiment warm-up', () => void liveSentiment()), 0);
  warm.unref();

  app.get(SUPERVISOR_WS_PATH, { websocket: true }, (socket) => handleSupervisorSocket(socket, core));
  app.addHook('onClose', async () => {
    timers.forEach(clearInterval);
    closed = true;
    clearTimeout(warm);
    unsubscribe();
    // Sessions still open end with the hub (the database is still open: the hub closes it after the app).
    for (const c of core.connections) sessions.endOwnedBy(c.id, now());
    core.connections.clear();
  });

  return {
    reportCompliance(conversationId, agentId, findings) {
      alerts.compliance(findings, deps.store.conversation(conversationId), conversationId, agentId, now());
    },
    reportSentiment(conversationId, score, source) {
      const at = now();
      const raised = liveSentiment().sample(conversationId, score, source, at);
      if (source === 'voice') escalate(conversationId, { source: 'voice', score }, at);
      if (raised) raiseSentiment(raised, source);
    },
    lowRating(rating) {
      alerts.lowRating(rating);
    },
    audit,
    tick() {
      pushWallboard();
      checkSla();
    },
  };
}
