import { hasEnded } from '../../shared/domain/conversation';
import type { SupervisorRequest } from '../../shared/protocol/supervisor-protocol';
import { assertNever, err, ok, type Result } from '../../shared/result';
import type { AgentRecord } from '../store/hub-store';
import type { SupervisionCore, SupervisorConnection } from './supervision-core';

/** Chats only: a call is supervised by ear (call.start), not by reading its notes. */
function liveChat(core: SupervisionCore, conversationId: string) {
  const conversation = core.deps.store.conversation(conversationId);
  if (!conversation) return err<never>('not_found', 'no such conversation');
  if (conversation.channel === 'voice') return err<never>('invalid_argument', 'this is a call: monitor it instead');
  if (hasEnded(conversation.status)) return err<never>('conflict', 'the conversation is closed');
  return ok(conversation);
}

/** One supervisor request, after the socket checked the shape and the role. */
export async function handleRequest(
  core: SupervisionCore,
  conn: SupervisorConnection,
  person: AgentRecord,
  rid: string,
  request: SupervisorRequest,
): Promise<Result<unknown>> {
  const { deps, audit } = core;
  const at = core.now();
  const actor = { actorId: person.id, actorRole: person.role };
  switch (request.kind) {
    case 'wallboard.refresh':
      return ok(core.wallboard());
    case 'alert.ack': {
      const acked = core.alerts.acknowledge(request.alertId, person.id, at);
      if (acked.ok) audit.record({ at, ...actor, action: 'alert.ack', outcome: 'ok', conversationId: acked.value.conversationId, detail: acked.value.id });
      return acked;
    }
    case 'chat.open': {
      const found = liveChat(core, request.conversationId);
      if (!found.ok) return found;
      const session = core.sessions.openChat(person, conn.id, found.value, at);
      conn.watching.add(found.value.id);
      return ok({
        session,
        conversation: found.value,
        customerName: deps.store.customer(found.value.customerId)?.name ?? '',
        messages: deps.store.messages(found.value.id),
      });
    }
    case 'chat.close':
      conn.watching.delete(request.conversationId);
      core.sessions.closeChat(conn.id, request.conversationId, at);
      return ok({ conversationId: request.conversationId });
    case 'chat.whisper': {
      const found = liveChat(core, request.conversationId);
      if (!found.ok) return found;
      const agentId = found.value.assigneeId;
      if (!agentId || agentId === person.id) return err('conflict', 'no agent is handling this chat');
      const session = core.sessions.openChat(person, conn.id, found.value, at);
      conn.watching.add(found.value.id);
      const sent = await deps.whisper(person.id, found.value.id, request.text, `sup:${conn.id}:${rid}`);
      if (!sent.ok) return sent;
      core.sessions.addChatMode(session.id, 'whisper', agentId);
      // Text stays out of the audit: it is in the conversation, under the hub's own retention.
      audit.record({ at, ...actor, action: 'chat.whisper', outcome: 'ok', sessionId: session.id, conversationId: found.value.id, detail: agentId });
      return sent;
    }
    case 'chat.takeover': {
      const found = liveChat(core, request.conversationId);
      if (!found.ok) return found;
      const previous = found.value.assigneeId;
      if (previous === person.id) return err('conflict', 'the chat is already yours');
      const session = core.sessions.openChat(person, conn.id, found.value, at);
      conn.watching.add(found.value.id);
      const taken = await deps.takeOver(person.id, found.value.id, `sup:${conn.id}:${rid}`);
      if (!taken.ok) return taken;
      if (previous) {
        core.notifyAgent(previous, { kind: 'chat.taken_over', conversationId: found.value.id, supervisorId: person.id, supervisorName: person.displayName });
      }
      core.sessions.addChatMode(session.id, 'takeover', previous);
      audit.record({ at, ...actor, action: 'chat.takeover', outcome: 'ok', sessionId: session.id, conversationId: found.value.id, detail: previous });
      const conversation = deps.store.conversation(found.value.id);
      return conversation ? ok({ conversation }) : err('not_found', 'the conversation is gone');
    }
    case 'call.start':
      return core.sessions.startCall(person, conn.id, request.target, request.mode, at);
    case 'call.mode':
      return core.sessions.setMode(person, request.sessionId, request.mode, at);
    case 'call.end':
      return core.sessions.endCall(person, request.sessionId, at);
    case 'report.run':
      return deps.report ? deps.report(request.query) : err('unavailable', 'reports are not available on this hub');
    default:
      return assertNever(request);
  }
}
