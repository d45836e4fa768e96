import { err, ok } from '../../shared/result';
import { hasSubstance } from '../../shared/nlp/intent/opening-text';
import { measureScriptMix } from '../../shared/nlp/common/script-mix';
import { ownConversation } from './command-guards';
import { defineHandler } from './command-handler';

/** To another signed-in agent (it stays active, theirs now) or to a queue (it waits there again), with a note. */
export const conversationTransfer = defineHandler('conversation.transfer', {
  guard: ownConversation,
  run({ deps, agent }, command, conversation) {
    const { store, lifecycle, router } = deps;
    if (conversation.status !== 'active') return err('conflict', 'only an answered conversation can be transferred');
    const { target } = command;
    if (target.kind === 'agent') {
      const to = store.agent(target.agentId);
      if (!to || !deps.presence.isOnline(to.id)) return err('unavailable', 'that agent is not signed in');
      if (to.id === agent.id) return err('invalid_argument', 'the conversation is already yours');
    } else if (!store.queue(target.queue)) return err('not_found', 'no such queue');
    const moved = lifecycle.move(
      conversation.id,
      target.kind === 'agent' ? { kind: 'transfer', agentId: target.agentId } : { kind: 'requeue', queue: target.queue, reason: 'transfer' },
    );
    if (!moved.ok) return moved;
    const intent = conversation.insight?.intent;
    if (target.kind === 'queue' && intent && target.queue !== conversation.queue) {
      // The intent put it in the wrong queue (or in none): the agent's choice is a label for retraining.
      const asked = store.messages(conversation.id).find((m) => m.authorKind === 'customer' && !m.internal && hasSubstance(m.text));
      if (asked) {
        store.recordIntentCorrection({
          conversationId: conversation.id,
          text: asked.text,
          language: measureScriptMix(asked.text).zhShare >= 0.5 ? 'zh' : 'en',
          detectedQueue: intent.serviceQueue ?? 'none',
          detectedIntent: intent.intent,
          confidence: intent.confidence,
          correctedQueue: target.queue,
          agentId: agent.id,
          at: deps.now(),
        });
      }
    }
    const where = target.kind === 'agent' ? target.agentId : `queue ${target.queue}`;
    deps.conversations.systemNote(conversation.id, `Transferred by ${agent.displayName} to ${where}${command.note ? `: ${command.note}` : ''}`);
    router.agentChanged(agent.id);
    router.route();
    return ok({ conversationId: conversation.id });
  },
});
