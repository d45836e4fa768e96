import { inboxPageFilterSchema, type InboxPageFilter } from '../../shared/contracts/workspace-contract';
import type { AgentProfile } from '../../shared/domain/agent';
import type { Conversation } from '../../shared/domain/conversation';
import { compareInboxKeys, inboxKeyOf } from '../../shared/domain/inbox-order';
import { canSeeConversation } from '../../shared/domain/visibility';

/** The same filter the host applies in SQL to inbox pages. */
export const inboxFilterSchema = inboxPageFilterSchema;
export type InboxFilter = InboxPageFilter;
export const defaultInboxFilter: InboxFilter = inboxFilterSchema.parse({});

/** Who looks: an agent's view is limited to what the hub shows them; supervisors and admins see all. */
export type InboxViewer = Pick<AgentProfile, 'role' | 'queues'>;

/**
 * An open conversation that is neither the agent's nor in one of their queues has left their sight
 * (transferred away): the hub sent its state at that moment and nothing after, so the cached copy
 * would sit there "waiting" for good. It stays in the cache and in search, not in the inbox.
 */
type Filtered = Pick<Conversation, 'status' | 'channel' | 'assigneeId' | 'queue'>;

const outOfSight = (c: Filtered, agentId: string | null, viewer: InboxViewer | undefined): boolean =>
  viewer !== undefined && c.status !== 'closed' && !canSeeConversation({ ...viewer, id: agentId ?? '' }, c);

/** Whether the inbox shows a conversation under a filter: what the host's SQL WHERE clause decides (cache/inbox-pages.ts), for a change it is told about. */
export function matchesInbox(c: Filtered, filter: InboxFilter, agentId: string | null, viewer?: InboxViewer): boolean {
  if (outOfSight(c, agentId, viewer)) return false;
  if (filter.channel !== 'all' && c.channel !== filter.channel) return false;
  if (filter.status === 'open' ? c.status === 'closed' : filter.status !== 'all' && c.status !== filter.status) return false;
  if (filter.scope === 'mine' && c.assigneeId !== agentId) return false;
  if (filter.scope === 'queue' && c.assigneeId !== null) return false;
  return true;
}

/**
 * The ids the inbox shows, in the inbox order (domain/inbox-order.ts), from conversations held in memory. Returns ids, not objects,
 * so a zustand `useShallow` selector keeps the list stable while a row's content changes.
 */
export function queryInbox(
  conversations: Readonly<Record<string, Conversation>>,
  filter: InboxFilter,
  agentId: string | null,
  viewer?: InboxViewer,
): string[] {
  const picked: Conversation[] = [];
  for (const id in conversations) {
    const c = conversations[id]!;
    if (matchesInbox(c, filter, agentId, viewer)) picked.push(c);
  }
  picked.sort((a, b) => compareInboxKeys(inboxKeyOf(a), inboxKeyOf(b)));
  return picked.map((c) => c.id);
}
