import type { WebSocket } from 'ws';
import type { Message } from '../../shared/domain/message';
import type { Logger } from '../../shared/log';
import { describeZodError } from '../../shared/result';
import type { ConversationService } from '../conversation-service';
import type { HubStore } from '../store/hub-store';
import { MAX_WIDGET_FRAME_BYTES, widgetClientFrameSchema, type WidgetMessageView, type WidgetServerFrame } from './widget-protocol';

export const WIDGET_QUEUE = 'chat';

const view = (m: Message): WidgetMessageView => ({ id: m.id, direction: m.direction, text: m.text, createdAt: m.createdAt });

/** The web chat widget: a visitor's socket in, agent replies out to every tab the visitor has open. */
export function createWidgetChannel(store: HubStore, conversations: ConversationService, log: Logger) {
  const visitors = new Map<string, Set<WebSocket>>();

  conversations.onOutbound((message, conversation) => {
    if (conversation.channel !== 'widget' || message.internal) return;
    const frame: WidgetServerFrame = { type: 'message', message: view(message) };
    visitors.get(conversation.customerId)?.forEach((s) => s.send(JSON.stringify(frame)));
  });

  function handle(socket: WebSocket): void {
    let visitorId: string | null = null;
    let name: string | undefined;
    let customerId: string | null = null;
    const send = (frame: WidgetServerFrame): void => socket.send(JSON.stringify(frame));

    const join = (id: string): void => {
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
        visitorId = frame.visitorId;
        name = frame.name;
        const customer = store.customerByIdentity('widget_visitor', visitorId);
        if (customer) {
          join(customer.id);
          const open = store.openConversation(customer.id, 'widget');
          send({ type: 'history', messages: open ? store.messages(open.id).filter((m) => !m.internal).map(view) : [] });
        } else send({ type: 'history', messages: [] });
        return;
      }
      if (!visitorId) {
        send({ type: 'error', message: 'say hello first' });
        return;
      }
      const result = conversations.ingest({
        channel: 'widget',
        identity: { kind: 'widget_visitor', value: visitorId },
        customerName: name,
        text: frame.text,
        key: `widget:${visitorId}:${frame.key}`,
        queue: WIDGET_QUEUE,
      });
      if (!result.ok) {
        send({ type: 'error', message: result.error.message });
        return;
      }
      if (!customerId) join(result.value.conversation.customerId);
      send({ type: 'message', message: view(result.value.message) });
    });

    socket.on('close', () => {
      if (customerId) visitors.get(customerId)?.delete(socket);
    });
  }

  return { handle };
}
