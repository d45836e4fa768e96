import type { WebSocket } from 'ws';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Identity } from '../../shared/domain/customer';
import type { Message } from '../../shared/domain/message';
import type { Logger } from '../../shared/log';
import { describeZodError } from '../../shared/result';
import type { ConversationService } from '../conversation-service';
import type { HubStore } from '../store/hub-store';
import type { TypingRelay } from '../typing-relay';
import type { AttachmentStore } from './attachment-store';
import { MAX_WIDGET_FRAME_BYTES, widgetClientFrameSchema, type WidgetClientFrame, type WidgetMessageView, type WidgetServerFrame } from './widget-protocol';

export const WIDGET_QUEUE = 'chat';

const view = (m: Message): WidgetMessageView => ({ id: m.id, direction: m.direction, text: m.text, attachments: m.attachments, createdAt: m.createdAt });

export interface WidgetChannelDeps {
  store: HubStore;
  conversations: ConversationService;
  attachments: AttachmentStore;
  typing: TypingRelay;
  /** Shared with the website that embeds the widget; without it every phone or email a visitor gives is a claim. */
  identitySecret?: string;
  log: Logger;
}

/** Phone and email a visitor gave, verified when the embedding site signed them. */
export function widgetIdentities(hello: Extract<WidgetClientFrame, { type: 'hello' }>, secret: string | undefined): Identity[] {
  const signed = hello.phone ?? hello.email;
  let verified = false;
  if (secret && signed && hello.identitySignature) {
    const expected = Buffer.from(createHmac('sha256', secret).update(signed).digest('hex'));
    const given = Buffer.from(hello.identitySignature);
    verified = expected.length === given.length && timingSafeEqual(expected, given);
  }
  const out: Identity[] = [];
  if (hello.phone) out.push({ kind: 'phone', value: hello.phone, verified: verified && signed === hello.phone });
  if (hello.email) out.push({ kind: 'email', value: hello.email, verified: verified && signed === hello.email });
  return out;
}

/** The web chat widget: a visitor's socket in, agent replies out to every tab the visitor has open. */
export function createWidgetChannel(deps: WidgetChannelDeps) {
  const { store, conversations, log } = deps;
  /** A message as the visitor sees it: with the name of the agent who wrote it. */
  const shown = (m: Message): WidgetMessageView => {
    const author = m.authorKind === 'agent' && m.authorId ? store.agent(m.authorId)?.displayName : undefined;
    return author ? { ...view(m), author } : view(m);
  };
  const visitors = new Map<string, Set<WebSocket>>();
  const broadcast = (customerId: string, frame: WidgetServerFrame): void =>
    visitors.get(customerId)?.forEach((s) => s.send(JSON.stringify(frame)));

  conversations.onOutbound((message, conversation) => {
    if (message.channel !== 'widget' || message.internal) return;
    broadcast(conversation.customerId, { type: 'message', message: shown(message) });
  });
  deps.typing.onAgentTyping((conversation, active) => broadcast(conversation.customerId, { type: 'typing', active }));

  function handle(socket: WebSocket): void {
    let hello: Extract<WidgetClientFrame, { type: 'hello' }> | null = null;
    let customerId: string | null = null;
    const send = (frame: WidgetServerFrame): void => socket.send(JSON.stringify(frame));

    const join = (id: string): void => {
      if (customerId) visitors.get(customerId)?.delete(socket);
      customerId = id;
      let set = visitors.get(id);
      if (!set) visitors.set(id, (set = new Set()));
      set.add(socket);
    };

    socket.on('message', (data, isBinary) => {
      const text = String(data);
      if (isBinary || text.length > MAX_WIDGET_FRAME_BYTES) {
        send({ type: 'error', message: 'message too large' });
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        send({ type: 'error', message: 'malformed frame' });
        return;
      }
      const parsed = widgetClientFrameSchema.safeParse(json);
      if (!parsed.success) {
        log.log('warn', 'widget frame refused', { detail: describeZodError(parsed.error) });
        send({ type: 'error', message: describeZodError(parsed.error) });
        return;
      }
      const frame = parsed.data;
      if (frame.type === 'hello') {
        hello = frame;
        const customer = store.customerByIdentity('widget_visitor', frame.visitorId);
        if (customer) {
          join(customer.id);
          const open = store.openTextConversation(customer.id);
          send({ type: 'history', messages: open ? store.messages(open.id).filter((m) => !m.internal).map(shown) : [] });
        } else send({ type: 'history', messages: [] });
        return;
      }
      if (!hello) {
        send({ type: 'error', message: 'say hello first' });
        return;
      }
      if (frame.type === 'typing') {
        if (customerId) deps.typing.fromCustomer(customerId, frame.active);
        return;
      }
      const files = deps.attachments.owned(`visitor:${hello.visitorId}`, frame.attachmentIds);
      if (!files.ok) {
        send({ type: 'error', message: files.error.message });
        return;
      }
      const result = conversations.ingest({
        channel: 'widget',
        identity: { kind: 'widget_visitor', value: hello.visitorId, verified: true },
        extraIdentities: widgetIdentities(hello, deps.identitySecret),
        customerName: hello.name,
        text: frame.text,
        attachments: files.value,
        key: `widget:${hello.visitorId}:${frame.key}`,
        queue: WIDGET_QUEUE,
      });
      if (!result.ok) {
        send({ type: 'error', message: result.error.message });
        return;
      }
      if (customerId !== result.value.conversation.customerId) join(result.value.conversation.customerId);
      send({ type: 'message', message: shown(result.value.message) });
    });

    socket.on('close', () => {
      if (customerId) visitors.get(customerId)?.delete(socket);
    });
  }

  return { handle };
}
