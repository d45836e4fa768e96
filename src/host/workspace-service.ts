import { workspaceContract } from '../shared/contracts/workspace-contract';
import type { ContractEmitter, ContractImpl } from '../shared/rpc/contract';
import { err, ok, type Result } from '../shared/result';
import type { AgentSession } from './agent-session';
import { hubRequest } from './hub-request';
import { createRecordingReader } from './recording-reader';
import { toCustomer360View } from './customer-360-view';
import { directorySchema } from '../shared/contracts/customer-360';
import { customer360Schema, dispositionsResponseSchema } from '../shared/protocol/hub-api';
import { ticketSchema } from '../shared/domain/ticket';

const done = (result: Result<unknown>): Result<Record<string, never>> => (result.ok ? ok({}) : result);

/** The agent's inbox, conversations and offers, answered from what the session has synced. */
export function workspaceService(
  session: AgentSession,
  _emit: () => ContractEmitter<typeof workspaceContract> | null,
): ContractImpl<typeof workspaceContract> {
  const recordings = createRecordingReader(() => session.hubAuth());
  return {
    inbox: async () =>
      ok({ conversations: await session.projection.conversations(), customers: await session.projection.customers(), offers: [...session.projection.offers.values()] }),
    // Read from SQL a window at a time (keyset paging, filters and the agent's sight in SQL): never the whole inbox.
    inboxPage: async ({ offset, limit, after, before, filter }) => {
      const cache = session.cache;
      const offers = offset === 0 && after === null && before === null ? [...session.projection.offers.values()] : [];
      if (!cache) return ok({ conversations: [], customers: [], offers, meta: [], total: 0, start: 0, cursor: 0, next: null });
      const agent = session.agent;
      const viewer = agent ? { role: agent.role, queues: agent.queues } : null;
      const page = await cache.inboxPage({ filter: { channel: 'all', status: 'all', scope: 'all', ...filter }, viewer, after, before, offset, limit });
      return ok({ ...page, offers });
    },
    messages: async ({ conversationId }) => ok(await session.projection.messages(conversationId)),
    queues: async () => ok(await session.projection.queues()),
    acceptOffer: async ({ offerId }) => {
      const result = await session.command({ kind: 'offer.accept', offerId });
      if (!result.ok) return result;
      session.projection.offers.delete(offerId);
      return ok({});
    },
    rejectOffer: async ({ offerId }) => {
      const result = await session.command({ kind: 'offer.reject', offerId });
      if (!result.ok) return result;
      session.projection.offers.delete(offerId);
      return ok({});
    },
    // Written to the outbox first: the reply shows as pending at once and is sent (and retried) from there.
    sendMessage: async ({ conversationId, text, internal, attachments }) => session.sendMessage(conversationId, text, internal, attachments),
    setState: async ({ state, reason }) => {
      const queued = await session.enqueue({ kind: 'agent.state', state, reason });
      return queued.ok ? ok({}) : queued;
    },
    retryMessage: async ({ key }) => session.retryMessage(key),
    redeliverMessage: async ({ messageId }) => done(await session.command({ kind: 'message.redeliver', messageId })),
    search: async ({ query, limit }) => session.search(query, limit),
    pinConversation: async ({ conversationId, pinned }) => session.setPinned(conversationId, pinned),
    customer360: async ({ customerId }) => {
      const answer = await hubRequest(await session.hubAuth(), 'GET', `/api/customers/${encodeURIComponent(customerId)}/360`, null, customer360Schema, 'by-status');
      if (!answer.ok) return answer;
      const customers = new Map((await session.projection.customers()).map((c) => [c.id, c]));
      return ok(toCustomer360View(answer.value, (id) => customers.get(id)));
    },
    directory: async () => {
      const answer = await hubRequest(await session.hubAuth(), 'GET', '/api/directory', null, directorySchema, 'by-status');
      if (answer.ok || answer.error.code !== 'not_found') return answer;
      // A hub without a directory endpoint: the agent's own queues are still valid targets.
      return ok({ agents: [], queues: (session.agent?.queues ?? []).map((q) => ({ id: q, name: q })) });
    },
    dispositions: async () => {
      const answer = await hubRequest(await session.hubAuth(), 'GET', '/api/dispositions', null, dispositionsResponseSchema, 'by-status');
      return answer.ok ? ok(answer.value.dispositions.filter((d) => d.active)) : answer;
    },
    setTyping: async ({ conversationId, typing }) => session.setTyping(conversationId, typing),
    // The quality record must not be lost to a dropped link: through the outbox. Sentiment is worthless later: sent at once.
    reportCallQuality: async ({ sipCallId, quality }) => {
      const queued = await session.enqueue({ kind: 'call.quality', sipCallId, quality });
      return queued.ok ? ok({}) : queued;
    },
    reportVoiceSentiment: async ({ sipCallId, score }) => done(await session.command({ kind: 'call.sentiment', sipCallId, score })),
    // The agent needs to know at once whether the recording paused (a card number is about to be read out).
    controlRecording: async ({ sipCallId, action }) => done(await session.command({ kind: 'call.recording', sipCallId, action })),
    readRecording: async ({ conversationId, recordingId, offset }) => recordings.read(conversationId, recordingId, offset),
    // Transfer, tags, tickets and merges answer at once: the agent needs to know it worked (an offline target agent is refused).
    transfer: async ({ conversationId, target, note }) =>
      done(await session.command({ kind: 'conversation.transfer', conversationId, target, ...(note ? { note } : {}) })),
    close: async ({ conversationId, disposition, note }) => {
      const queued = await session.enqueue({ kind: 'conversation.close', conversationId, disposition, ...(note ? { note } : {}) });
      return queued.ok ? ok({}) : queued;
    },
    tagCustomer: async ({ customerId, add, remove }) => done(await session.command({ kind: 'customer.tag', customerId, add, remove })),
    createTicket: async ({ conversationId, title, description, priority }) => {
      const result = await session.command({ kind: 'ticket.create', conversationId, title, description, priority });
      if (!result.ok) return result;
      const ticket = ticketSchema.safeParse(result.value);
      return ticket.success ? ok(ticket.data) : err('internal', 'the hub answered ticket.create out of protocol');
    },
    acceptMerge: async ({ suggestionId }) => done(await session.command({ kind: 'merge.accept', suggestionId })),
    dismissMerge: async ({ suggestionId }) => done(await session.command({ kind: 'merge.dismiss', suggestionId })),
    undoMerge: async ({ mergeId }) => done(await session.command({ kind: 'merge.undo', mergeId })),
  };
}
