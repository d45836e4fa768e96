import type { AgentState } from '../shared/domain/agent';
import type { Logger } from '../shared/log';
import { HUB_PROTOCOL_VERSION } from '../shared/protocol/hub-protocol';
import { err, ok, type Result } from '../shared/result';
import { toProfile } from './agent-profile';
import type { SocketRegistry } from './socket-registry';
import type { Router } from './routing/router';
import type { JobWorker } from './jobs/job-worker';
import type { HubStore } from './store/hub-store';

export interface AgentStates {
  /** An agent's own choice of state. `available` waits for every closed contact's disposition. */
  set(agentId: string, state: AgentState, reason: string | null): Result<{ state: AgentState }>;
  /** A call or chat of this agent closed: after-call work starts, with a timer. */
  startAfterCallWork(agentId: string): void;
  /** A disposition arrived: if the ACW timer already ran out, the agent becomes available. */
  dispositionGiven(agentId: string): void;
  /** The after-call work's time ran out (its durable job): available, unless a disposition is still owed. */
  finishAfterCallWork(agentId: string): void;
  signedIn(agentId: string): void;
  signedOut(agentId: string): void;
  stop(): void;
}

/** The job that ends an agent's after-call work at its time (a row: it survives a restart). */
export const AFTER_CALL_WORK_JOB = 'acw.end';
const acwKey = (agentId: string): string => `acw:${agentId}`;
/** The reason an agent whose after-call work ran out still shows: a disposition is owed. */
const DISPOSITION_OWED = 'disposition required';

/**
 * Agent state transitions and after-call work. The end of after-call work is a durable job, so a
 * hub restarted in the middle still ends it on time; the state itself is in the agents table.
 */
export function createAgentStates(
  store: HubStore,
  presence: SocketRegistry,
  router: () => Router,
  log: Logger,
  options: { afterCallWorkMs: number; now?: () => number; jobs: () => Pick<JobWorker, 'schedule' | 'cancel'> },
): AgentStates {
  const now = options.now ?? Date.now;
  /** After stop, sockets closing on shutdown must not write to a closed store. */
  let stopped = false;

  const announce = (agentId: string): void => {
    const agent = store.agent(agentId);
    if (agent) presence.send(agentId, { v: HUB_PROTOCOL_VERSION, type: 'agent', agent: toProfile(agent) });
  };

  function apply(agentId: string, state: AgentState, reason: string | null, until: number | null = null): void {
    const previous = store.agent(agentId);
    const at = now();
    store.setAgentState(agentId, state, reason, at, until);
    if (state === 'available' && previous?.state !== 'available') store.setIdleSince(agentId, at);
    if (state !== 'after_call_work') options.jobs().cancel(acwKey(agentId));
    announce(agentId);
    if (state === 'available') {
      router().agentChanged(agentId);
      router().route();
    } else router().withdrawOffers(agentId);
  }

  const finishAcw = (agentId: string): void => {
    const agent = store.agent(agentId);
    if (agent?.state !== 'after_call_work') return;
    if (store.undisposedCount(agentId) > 0) {
      store.setAgentState(agentId, 'after_call_work', DISPOSITION_OWED, agent.stateSince, null);
      announce(agentId);
      return;
    }
    log.log('info', 'after-call work ended', { agent: agentId });
    apply(agentId, presence.isOnline(agentId) ? 'available' : 'offline', null);
  };

  return {
    set(agentId, state, reason) {
      if (state === 'available' && store.undisposedCount(agentId) > 0) {
        return err('conflict', 'choose a disposition for the contacts you closed first');
      }
      apply(agentId, state, state === 'away' ? reason : null);
      return ok({ state });
    },
    startAfterCallWork(agentId) {
      store.setIdleSince(agentId, now());
      const until = now() + options.afterCallWorkMs;
      apply(agentId, 'after_call_work', null, until);
      options.jobs().schedule(AFTER_CALL_WORK_JOB, acwKey(agentId), until, { agentId });
    },
    dispositionGiven(agentId) {
      const agent = store.agent(agentId);
      if (agent?.state === 'after_call_work' && agent.stateReason === DISPOSITION_OWED && store.undisposedCount(agentId) === 0) finishAcw(agentId);
    },
    finishAfterCallWork: finishAcw,
    signedIn(agentId) {
      const agent = store.agent(agentId);
      if (agent?.state === 'offline') apply(agentId, 'available', null);
      else router().agentChanged(agentId);
    },
    signedOut(agentId) {
      if (!stopped) apply(agentId, 'offline', null);
    },
    stop() {
      stopped = true;
    },
  };
}
