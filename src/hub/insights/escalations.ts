import type { Conversation } from '../../shared/domain/conversation';
import { hasEnded } from '../../shared/domain/conversation';
import type { ConversationEscalation } from '../../shared/domain/conversation-insight';
import type { Escalation, EscalationInput, EscalationRules } from '../../shared/nlp/escalation/escalation-rules';
import type { Logger } from '../../shared/log';
import type { Lifecycle } from '../conversations/lifecycle';
import type { HubStore } from '../store/hub-store';

export interface Escalations {
  /**
   * Runs the escalation rules on a customer's message or a voice reading. The first time a conversation
   * escalates it gains the configured priority (it moves ahead while it waits); every escalation is kept
   * on the conversation with its reason and words. Returns what fired when it should be alerted on: the
   * first time, when new complaint-risk phrases appear, or once the repeat interval has passed.
   */
  consider(conversationId: string, input: EscalationInput, at: number): { escalation: Escalation; conversation: Conversation } | null;
  readonly rules: EscalationRules;
}

export interface EscalationsDeps {
  store: Pick<HubStore, 'conversation'>;
  lifecycle: Pick<Lifecycle, 'amend'>;
  rules: EscalationRules;
  log: Logger;
}

export function createEscalations({ store, lifecycle, rules, log }: EscalationsDeps): Escalations {
  const { priorityBoost, repeatAfterMs } = rules.config;
  return {
    rules,
    consider(conversationId, input, at) {
      const escalation = rules.check(input);
      if (!escalation) return null;
      const found = store.conversation(conversationId);
      if (!found || hasEnded(found.status)) return null;
      let alert = false;
      const amended = lifecycle.amend(conversationId, (current) => {
        const before = current.insight?.escalation ?? null;
        // New complaint-risk words are news (a lawyer now, after 12315); more words of anger in a run of them are not.
        const newThreat = escalation.reason === 'complaint-phrase' && escalation.words.some((w) => !before?.words.includes(w));
        alert = before === null || newThreat || at - before.at >= repeatAfterMs;
        if (!alert) return null;
        const kept: ConversationEscalation = {
          reason: escalation.reason,
          words: [...new Set([...(before?.words ?? []), ...escalation.words])],
          score: escalation.score,
          at,
        };
        return {
          insight: { ...current.insight, escalation: kept },
          // Only the first escalation raises the priority: a furious customer does not outrank everyone by writing more.
          ...(before === null ? { priority: current.priority + priorityBoost } : {}),
        };
      });
      if (!amended.ok) {
        log.log('warn', 'escalation not recorded', { conversation: conversationId, detail: amended.error.message });
        return null;
      }
      return alert ? { escalation, conversation: amended.value } : null;
    },
  };
}
