import type { AgentProfile } from '../shared/domain/agent';
import type { AgentRecord } from './store/hub-store';

/** What an agent record may show outside the hub: never the password hash. */
export function toProfile(agent: AgentRecord): AgentProfile {
  const { passwordHash: _hash, stateSince: _since, idleSince: _idle, ...profile } = agent;
  return profile;
}
