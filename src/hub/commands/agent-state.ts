import { anyone } from './command-guards';
import { defineHandler } from './command-handler';

export const agentState = defineHandler('agent.state', {
  guard: anyone,
  run: ({ deps, agent }, command) => deps.agentStates.set(agent.id, command.state, command.reason),
});
