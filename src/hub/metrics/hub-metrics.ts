import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { agentStates, type AgentState } from '../../shared/domain/agent';
import type { Channel } from '../../shared/domain/channel';
import type { SocketRegistry } from '../socket-registry';
import { queueMetrics } from '../routing/queue-metrics';
import type { HubStore } from '../store/hub-store';

/** What an instance's figures are read from: the same store and presence the wallboard reads. */
export interface HubMetricsDeps {
  store: HubStore;
  presence: SocketRegistry;
  now: () => number;
}

/** The hub's Prometheus figures: read from the store when scraped, so every instance of a cluster reports the same queues. */
export interface HubMetrics {
  readonly contentType: string;
  /** The exposition text, figures as of now. */
  render(): Promise<string>;
  /** An outbound message (a platform reply, a WeChat message, an email) that did not reach its channel. */
  deliveryFailed(channel: Channel): void;
}

const seconds = (ms: number): number => ms / 1000;

export function createHubMetrics(deps: HubMetricsDeps): HubMetrics {
  const registry = new Registry();
  // Process metrics (CPU, memory, event-loop lag, handles) without a prefix, as every Node exporter names them.
  collectDefaultMetrics({ register: registry });
  const queue = (name: string, help: string): Gauge<'queue'> => new Gauge({ name: `switchboard_queue_${name}`, help, labelNames: ['queue'], registers: [registry] });
  const waiting = queue('waiting_contacts', 'Contacts waiting in the queue for an agent (offered chats included, ringing calls not).');
  const longestWait = queue('longest_wait_seconds', 'How long the longest-waiting contact has waited.');
  const serviceLevel = queue('service_level_ratio', 'Share of contacts answered within the target time, over the last 24 hours (the wallboard figure). Absent without contacts.');
  const serviceLevelTarget = queue('service_level_target_ratio', "The queue's service-level target, e.g. 0.9 for 90%.");
  const serviceLevelSeconds = queue('service_level_target_seconds', 'The answer time the service level counts against, e.g. 30.');
  const speedOfAnswer = queue('average_speed_of_answer_seconds', 'Average time to answer over the last 24 hours. Absent without answered contacts.');
  const abandonment = queue('abandonment_ratio', 'Share of contacts that gave up waiting, over the last 24 hours. Absent without contacts.');
  const answered = queue('answered_contacts', 'Contacts answered in the last 24 hours.');
  const abandoned = queue('abandoned_contacts', 'Contacts abandoned in the last 24 hours.');
  const available = queue('available_agents', 'Online agents available for this queue (member, with its skills).');
  const agents = new Gauge({ name: 'switchboard_agents', help: 'Agents by state; an agent without a live connection counts as offline.', labelNames: ['state'], registers: [registry] });
  const deliveryFailures = new Counter({
    name: 'switchboard_outbound_delivery_failures_total',
    help: 'Outbound messages that their channel refused or that could not be sent.',
    labelNames: ['channel'],
    registers: [registry],
  });

  const perQueue = [waiting, longestWait, serviceLevel, serviceLevelTarget, serviceLevelSeconds, speedOfAnswer, abandonment, answered, abandoned, available];
  const refresh = (): void => {
    const now = deps.now();
    // A queue deleted since the last scrape must not linger with its old figures.
    for (const gauge of [...perQueue, agents]) gauge.reset();
    const targets = new Map(deps.store.queues().map((q) => [q.id, q.slaSeconds]));
    for (const m of queueMetrics(deps.store, deps.presence, now)) {
      const labels = { queue: m.queue };
      waiting.set(labels, m.waiting);
      longestWait.set(labels, seconds(m.longestWaitMs));
      serviceLevelTarget.set(labels, m.slaTargetPercent / 100);
      serviceLevelSeconds.set(labels, targets.get(m.queue) ?? 0);
      answered.set(labels, m.answered);
      abandoned.set(labels, m.abandoned);
      available.set(labels, m.availableAgents);
      if (m.slaPercent !== null) serviceLevel.set(labels, m.slaPercent / 100);
      if (m.averageSpeedOfAnswerMs !== null) speedOfAnswer.set(labels, seconds(m.averageSpeedOfAnswerMs));
      if (m.abandonmentPercent !== null) abandonment.set(labels, m.abandonmentPercent / 100);
    }
    const byState = new Map<AgentState, number>(agentStates.map((s) => [s, 0]));
    for (const a of deps.store.agents()) {
      const state: AgentState = deps.presence.isOnline(a.id) ? a.state : 'offline';
      byState.set(state, (byState.get(state) ?? 0) + 1);
    }
    for (const [state, count] of byState) agents.set({ state }, count);
  };

  return {
    contentType: registry.contentType,
    render: async () => {
      refresh();
      return registry.metrics();
    },
    deliveryFailed: (channel) => deliveryFailures.inc({ channel }),
  };
}
