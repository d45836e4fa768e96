import { anyone } from './command-guards';
import { defineHandler } from './command-handler';

/** The router checks that the offer is open and is the agent's. */
export const offerAccept = defineHandler('offer.accept', {
  guard: anyone,
  run: ({ deps, agent }, command) => deps.router.accept(agent.id, command.offerId),
});

export const offerReject = defineHandler('offer.reject', {
  guard: anyone,
  run: ({ deps, agent }, command) => deps.router.reject(agent.id, command.offerId),
});
