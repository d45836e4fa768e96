import type { WebSocket } from 'ws';
import type { Conversation } from '../../shared/domain/conversation';
import type { Message } from '../../shared/domain/message';
import type { Logger } from '../../shared/log';
import { describeZodError } from '../../shared/result';
import type { ConversationService } from '../conversation-service';
import type { HubStore, Peer } from '../store/hub-store';
import type { TypingRelay } from '../typing-relay';
import type { AttachmentStore } from './attachment-store';
import { widgetIdentities } from './widget-identity';
import {
  MAX_WIDGET_FRAME_BYTES,
  WIDGET_HISTORY_PAGE,
  widgetClientFrameSchema,
  type WidgetHello,
  type WidgetMessageView,
  type WidgetServerFrame,
} from './widget-protocol';

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
  now?: () => number;
}

/** The web chat widget: a visitor's socket in, agent replies out to every tab that visitor (not the merged customer) has open. */
export function createWidgetChannel(deps: WidgetChannelDeps) {
  const { store, conversations, log } = deps;
  const now = deps.now ?? Date.now;
  const visitors = new Map<string, Set<WebSocket>>();
  const broadcast = (visitorId: string, frame: WidgetServerFrame): void => visitors.get(visitorId)?.forEach((s) => s.send(JSON.stringify(frame)));
  const peerOf = (visitorId: string): Peer => ({ kind: 'widget_visitor', value: visitorId });

  conversations.onOutbound((message, _conversation, _customer, to) => {
    if (message.channel !== 'widget' || message.internal || to.kind !== 'widget_visitor') return;
    broadcast(to.value, { type: 'message', message: view(message) });
  });
  deps.typing.onAgentTyping((conversation, active) => {
    const to = store.lastInboundPeer(conversation.id, 'widget');
    if (to?.kind === 'widget_visitor') broadcast(to.value, { type: 'typing', active });
  });

  /** The visitor's own open conversation: the newest one they wrote in or were written to, unless it closed. */
  const openConversationOf = (visitorId: string): Conversation | null => {
    const id = store.latestConversationOfPeer(peerOf(visitorId));
    const conversation = id ? store.conversation(id) : null;
    return conversation && conversation.status !== 'closed' ? conversation : null;
  };
  /** A page of what this visitor wrote and was sent there, never what came in on other channels or from other people. */
  const page = (visitorId: string, before?: string): { messages: WidgetMessageView[]; more: boolean } => {
    const conversation = openConversationOf(visitorId);
    if (!conversation) return { messages: [], more: false };
    const found = store.peerMessages(conversation.id, peerOf(visitorId), WIDGET_HISTORY_PAGE + 1, before);
    return { messages: found.slice(-WIDGET_HISTORY_PAGE).map(view), more: found.length > WIDGET_HISTORY_PAGE };
  };

  function handle(socket: WebSocket): void {
    let hello: WidgetHello | null = null;
    const send = (frame: WidgetServerFrame): void => socket.send(JSON.stringify(frame));

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
        let set = visitors.get(frame.visitorId);
        if (!set) visitors.set(frame.visitorId, (set = new Set()));
        set.add(socket);
        send({ type: 'history', ...page(frame.visitorId) });
        return;
      }
      if (!hello) {
        send({ type: 'error', message: 'say hello first' });
        return;
      }
      if (frame.type === 'older') {
        send({ type: 'older', ...page(hello.visitorId, frame.before) });
        return;
      }
      if (frame.type === 'typing') {
        const conversation = openConversationOf(hello.visitorId);
        if (conversation) deps.typing.fromCustomer(conversation, frame.active);
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
        extraIdentities: widgetIdentities(hello, deps.identitySecret, now()),
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
      send({ type: 'message', message: view(result.value.message) });
    });

    socket.on('close', () => {
      if (!hello) return;
      const set = visitors.get(hello.visitorId);
      set?.delete(socket);
      if (set?.size === 0) visitors.delete(hello.visitorId);
    });
  }

  return { handle };
}
