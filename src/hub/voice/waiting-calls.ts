/**
 * Callers waiting for an agent. Kamailio holds each one's INVITE suspended (ringback at the
 * caller) and tells the hub the transaction (POST /sip/waiting); the hub then picks the agent
 * when one is free — highest priority first, then longest wait, as for chats — and tells
 * Kamailio to continue the INVITE to that agent. Past the queue's maximum wait the caller is
 * released and the call counts as abandoned. Nobody is turned away because agents are busy.
 */
import type { Logger } from '../../shared/log';

export interface WaitingCall {
  callId: string;
  conversationId: string;
  queue: string;
  /** Kamailio's suspended transaction. */
  tindex: number;
  tlabel: number;
  since: number;
  /** The caller hung up keeping their place: a callback task, offered to an agent in its turn, never released for its wait. */
  callback?: boolean;
}

export interface WaitingControl {
  /** Continues the suspended INVITE to `sipUser`, or releases the caller; false when Kamailio no longer holds it. */
  send(call: WaitingCall, decision: { action: 'agent'; sipUser: string } | { action: 'release' }): Promise<boolean>;
}

export interface WaitingCallsDeps {
  control: WaitingControl;
  /** Priority of the call's conversation (higher first); null once it is gone or closed. */
  priorityOf(conversationId: string): number | null;
  /** An agent for the queue now, or null: the routing engine's answer. */
  chooseAgent(call: WaitingCall): { sipUser: string; agentId: string } | null;
  /** The call was handed to this agent. */
  offered(call: WaitingCall, agentId: string): void;
  /** The caller waited the queue's maximum and was released. */
  released(call: WaitingCall): void;
  maxWaitMs(queue: string): number;
  log: Logger;
  now?: () => number;
}

export function createWaitingCalls(deps: WaitingCallsDeps) {
  const now = deps.now ?? Date.now;
  const waiting = new Map<string, WaitingCall>();
  let busy = false;

  async function tick(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      const order = [...waiting.values()]
        .map((call) => ({ call, priority: deps.priorityOf(call.conversationId) }))
        .filter((entry) => {
          if (entry.priority === null) waiting.delete(entry.call.callId);
          return entry.priority !== null;
        })
        .sort((a, b) => b.priority! - a.priority! || a.call.since - b.call.since);
      for (const { call } of order) {
        if (call.callback) {
          const agent = deps.chooseAgent(call);
          if (!agent) continue;
          waiting.delete(call.callId);
          deps.offered(call, agent.agentId);
          continue;
        }
        if (now() - call.since >= deps.maxWaitMs(call.queue)) {
          waiting.delete(call.callId);
          await deps.control.send(call, { action: 'release' });
          deps.released(call);
          continue;
        }
        const agent = deps.chooseAgent(call);
        if (!agent) continue;
        waiting.delete(call.callId);
        deps.offered(call, agent.agentId);
        if (!(await deps.control.send(call, { action: 'agent', sipUser: agent.sipUser }))) {
          deps.log.log('info', 'a waiting caller left before an agent was free', { conversation: call.conversationId });
        }
      }
    } catch (cause) {
      deps.log.log('error', 'waiting calls could not be routed', { detail: cause instanceof Error ? cause.message : String(cause) });
    } finally {
      busy = false;
    }
  }

  return {
    /** The next tick (within a second) routes it: Kamailio first sends the caller the 183 or 180. */
    add(call: Omit<WaitingCall, 'since'> & { since?: number }): void {
      waiting.set(call.callId, { ...call, since: call.since ?? waiting.get(call.callId)?.since ?? now() });
    },
    /** The waiting call, if it waits. */
    get: (callId: string): WaitingCall | null => waiting.get(callId) ?? null,
    /** The caller chose a callback: the entry keeps its place, as a task that needs no held INVITE. */
    toCallback(callId: string): WaitingCall | null {
      const call = waiting.get(callId);
      if (!call) return null;
      const task = { ...call, callback: true };
      waiting.set(callId, task);
      return task;
    },
    /** 1 for the caller who waited longest in the queue, 2 for the next… (0 when not waiting). */
    position(callId: string): number {
      const call = waiting.get(callId);
      if (!call) return 0;
      return [...waiting.values()].filter((c) => c.queue === call.queue && c.since <= call.since).length;
    },
    remove(callId: string): void {
      waiting.delete(callId);
    },
    isWaiting: (callId: string): boolean => waiting.has(callId),
    tick,
    size: (): number => waiting.size,
  };
}
export type WaitingCalls = ReturnType<typeof createWaitingCalls>;

/** Kamailio's control endpoint for waiting calls (xhttp on its plain SIP TCP port). */
export function kamailioWaitingControl(baseUrl: string, secret: string, log: Logger): WaitingControl {
  return {
    async send(call, decision) {
      const body = JSON.stringify({ tindex: call.tindex, tlabel: call.tlabel, ...decision, ...(decision.action === 'agent' ? { conversationId: call.conversationId } : {}) });
      try {
        const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/switchboard/waiting`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-switchboard-sip-secret': secret },
          body,
          signal: AbortSignal.timeout(3000),
        });
        return response.status === 200;
      } catch (cause) {
        log.log('error', 'Kamailio did not take the decision for a waiting call', { detail: cause instanceof Error ? cause.message : String(cause) });
        return false;
      }
    },
  };
}
