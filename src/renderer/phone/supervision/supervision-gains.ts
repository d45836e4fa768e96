import type { SupervisionMode } from '../../../shared/protocol/supervisor-protocol';

/** How loud each party is in each of the three mixes the agent's engine makes (0 or 1). */
export interface SupervisionGains {
  /** Sent to the supervisor: always the whole conversation. */
  toSupervisor: { customer: number; agent: number };
  /** Played to the agent: the customer, and the supervisor once they whisper or barge. */
  agentHears: { customer: number; supervisor: number };
  /** Sent to the customer: the agent, and the supervisor only in barge. */
  toCustomer: { agent: number; supervisor: number };
}

export function supervisionGains(mode: SupervisionMode): SupervisionGains {
  const supervisorToAgent = mode === 'monitor' ? 0 : 1;
  const supervisorToCustomer = mode === 'barge' ? 1 : 0;
  return {
    toSupervisor: { customer: 1, agent: 1 },
    agentHears: { customer: 1, supervisor: supervisorToAgent },
    toCustomer: { agent: 1, supervisor: supervisorToCustomer },
  };
}
