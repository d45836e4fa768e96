import type { MergeSuggestion } from '../../shared/domain/merge';
import type { MergeCandidate } from '../../shared/protocol/hub-api';
import { summarizeConversation } from '../insights/conversation-summaries';
import type { HubStore } from '../store/hub-store';

/** One line, as the toast shows it. */
const LINE_CHARS = 120;
/** How many of the candidate's newest contacts are searched for one with something to say. */
const CONTACTS_SEARCHED = 5;
const MESSAGES_READ = 20;

const oneLine = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > LINE_CHARS ? `${flat.slice(0, LINE_CHARS - 1)}…` : flat;
};

/**
 * The other customer of each open merge suggestion of `customerId`, reduced to what a screen pop
 * needs: an agent offered a call from a number a known customer uses sees who that customer is,
 * whether they are a VIP, and one line on their last contact, even where the agent may not read
 * that customer's record. The line comes from the written summary or the customer-facing
 * messages only (internal notes and the hub's own notes are not summarized).
 */
export function mergeCandidatesOf(store: HubStore, customerId: string, suggestions: readonly MergeSuggestion[]): MergeCandidate[] {
  const ids = [...new Set(suggestions.map((s) => (s.candidateId === customerId ? s.customerId : s.candidateId)))];
  return ids.flatMap((id) => {
    const candidate = store.customer(id);
    if (!candidate) return [];
    let lastContact: MergeCandidate['lastContact'] = null;
    for (const conversation of store.customerConversations(id, CONTACTS_SEARCHED)) {
      const messages = store.lastMessages(conversation.id, MESSAGES_READ).filter((m) => !m.internal && m.authorKind !== 'system');
      const summary = oneLine(conversation.summary ?? summarizeConversation(messages));
      if (summary) {
        lastContact = { startedAt: conversation.createdAt, summary };
        break;
      }
    }
    return [{ customerId: id, name: candidate.name || null, vip: candidate.tags.includes('VIP'), lastContact }];
  });
}
