import type { WebSocket } from 'ws';
import { randomUUID } from 'node:crypto';
import type { Conversation } from '../../shared/domain/conversation';
import type { Message } from '../../shared/domain/message';
import type { Logger } from '../../shared/log';
import type { ErrorCode } from '../../shared/result';
import { readFrame } from '../../shared/rpc/frame-guard';
import type { ConversationService } from '../conversation-service';
import { budget, burstBudget, type HubLimits } from '../http/limits';
import { createAddressCounter, guardSocket, SOCKET_CLOSE } from '../http/socket-guard';
import type { IdentityResolver } from '../identity/identity-resolver';
import type { HubStore, Peer } from '../store/hub-store';
import type { TypingRelay } from '../typing-relay';
import type { VisitorFanOut } from '../cluster/visitor-fan-out';
import type { AttachmentStore } from './attachment-store';
import type { WidgetCalls } from './widget-call';
import { widgetIdentities, widgetSignatureValid } from './widget-identity';
import {
  MAX_WIDGET_FRAME_BYTES,
  WIDGET_HISTORY_PAGE,
  widgetClientFrameSchema,
  type WidgetClientFrame,
  type WidgetHello,
  type WidgetMessageView,
  type WidgetServerFrame,
} from './widget-protocol';
import { issueUploadToken } from './widget-upload-token';

export const WIDGET_QUEUE = 'chat';

const view = (m: Message): WidgetMessageView => ({ id: m.id, direction: m.direction, text: m.text, attachments: m.attachments, createdAt: m.createdAt });

export interface WidgetChannelDeps {
  store: HubStore;
  conversations: ConversationService;
  attachments: AttachmentStore;
  typing: TypingRelay;
  /** Shared with the website that embeds the widget; without it every phone or email a visitor gives is a claim. */
  identitySecret?: string;
  /** Signs the upload tokens handed out at hello. */
  uploadSecret: string;
  limits: HubLimits;
  log: Logger;
  now?: () => number;
  /** The consent words a site shows in a language (from WIDGET_SITES_FILE), or null when it asks none. */
  consentText?(siteId: string, language: 'en' | 'zh-CN' | 'zh-TW'): string | null;
  /** "Call us": credentials for the visitor's browser, filed under the visitor's customer. */
  calls?: { calls: WidgetCalls; identities: IdentityResolver };
  /** A visitor said hello (a tab opened or came back): what waits for them, such as a survey, can be shown now. */
  greeted?: (visitorId: string) => void;
  /** A cluster's other instances, where more tabs of a visitor may be open. */
  fanOut?: VisitorFanOut;
}

/**
 * The web chat widget: a visitor's socket in, agent replies out to every tab that visitor (not the merged customer)
 * has open. Anyone on the internet can open it, so everything it can make the hub hold is bounded: one hello per
 * socket within a deadline, a message and typing budget per socket, caps per source address on sockets, unknown
 * visitors and new conversations, paged history, and a visitor who stops reading is cut off.
 */
export function createWidgetChannel(deps: WidgetChannelDeps) {
  const { store, conversations, limits, log } = deps;
  const now = deps.now ?? Date.now;
  /** A message as the visitor sees it: with the name of the agent who wrote it. */
  const shown = (m: Message): WidgetMessageView => {
    if (m.authorKind === 'bot') return { ...view(m), bot: true, offerHuman: store.conversation(m.conversationId)?.status === 'bot' };
    const author = m.authorKind === 'agent' && m.authorId ? store.agent(m.authorId)?.displayName : undefined;
    return author ? { ...view(m), author } : view(m);
  };
  const visitors = new Map<string, Set<(text: string) => boolean>>();
  const broadcast = (visitorId: string, frame: WidgetServerFrame): void => {
    const text = JSON.stringify(frame);
    visitors.get(visitorId)?.forEach((send) => send(text));
    deps.fanOut?.publish(visitorId, text);
  };
  deps.fanOut?.subscribe((visitorId, text) => visitors.get(visitorId)?.forEach((send) => send(text)));
  const peerOf = (visitorId: string): Peer => ({ kind: 'widget_visitor', value: visitorId });
  const sockets = createAddressCounter(limits.socketsPerAddress);
  const messageBudget = burstBudget(limits.widgetMessagesPerSecond, limits.widgetMessageBurst);
  const typingBudget = budget(Math.max(1, Math.ceil(limits.widgetTypingPerSecond)), Math.max(1, 1 / limits.widgetTypingPerSecond));
  const newVisitors = budget(limits.newVisitorsPerAddressPerHour, 3600);
  const newConversations = budget(limits.newConversationsPerAddressPerHour, 3600);
  // A few tries a minute per socket: each call rings an agent.
  const callBudget = budget(3, 60);

  conversations.onOutbound((message, _conversation, _customer, to) => {
    if (message.channel !== 'widget' || message.internal || to.kind !== 'widget_visitor') return;
    broadcast(to.value, { type: 'message', message: shown(message) });
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
    return { messages: found.slice(-WIDGET_HISTORY_PAGE).map(shown), more: found.length > WIDGET_HISTORY_PAGE };
  };
  const isKnown = (visitorId: string): boolean =>
    store.customerByIdentity('widget_visitor', visitorId) !== null || visitors.has(visitorId);

  function handle(socket: WebSocket, address: string): void {
    if (!sockets.admit(address, socket)) {
      socket.close(SOCKET_CLOSE.overLimit, 'too many connections from your address');
      return;
    }
    const id = randomUUID();
    const guard = guardSocket(socket, { limits, log, what: 'widget' });
    const send = (frame: WidgetServerFrame): boolean => guard.send(JSON.stringify(frame));
    const refuse = (code: ErrorCode, message: string): boolean => send({ type: 'error', code, message });
    let hello: WidgetHello | null = null;
    let helloSeen = false;
    /** Frames are handled in arrival order; each waits only for its budget check. */
    let queue: Promise<void> = Promise.resolve();

    async function greet(frame: WidgetHello): Promise<void> {
      // [#17 C15] A signed hello (a link from the embedding site) counts only with a valid, current signature: a
      // link with a made-up one would fix the visitor id of whoever opens it, and let its sender read their chat.
      if (frame.identitySignature !== undefined && !widgetSignatureValid(frame, deps.identitySecret, now())) {
        refuse('unauthenticated', 'the signature in this link is not valid or has expired');
        socket.close(SOCKET_CLOSE.badSignature, 'bad signature');
        return;
      }
      if (!isKnown(frame.visitorId) && !(await newVisitors.take(address))) {
        refuse('rate_limited', 'too many new chats from your network, try again later');
        socket.close(SOCKET_CLOSE.overLimit, 'too many new visitors');
        return;
      }
      hello = frame;
      guard.signedIn();
      let set = visitors.get(frame.visitorId);
      if (!set) visitors.set(frame.visitorId, (set = new Set()));
      set.add(guard.send);
      if (frame.consent) {
        const text = deps.consentText?.(frame.consent.site, frame.consent.language) ?? null;
        if (text) store.recordConsent(frame.visitorId, { siteId: frame.consent.site, language: frame.consent.language, text, givenAt: now() });
      }
      send({ type: 'history', ...page(frame.visitorId), uploadToken: issueUploadToken(deps.uploadSecret, frame.visitorId, now()) });
      deps.greeted?.(frame.visitorId);
    }

    async function message(visitor: WidgetHello, frame: Extract<WidgetClientFrame, { type: 'message' }>): Promise<void> {
      if (!(await messageBudget.take(id))) {
        refuse('rate_limited', 'you are sending messages too fast, wait a moment');
        return;
      }
      if (!openConversationOf(visitor.visitorId) && !(await newConversations.take(address))) {
        refuse('rate_limited', 'too many new chats from your network, try again later');
        return;
      }
      const files = deps.attachments.owned(`visitor:${visitor.visitorId}`, frame.attachmentIds);
      if (!files.ok) {
        refuse(files.error.code, files.error.message);
        return;
      }
      const result = conversations.ingest({
        channel: 'widget',
        identity: { kind: 'widget_visitor', value: visitor.visitorId, verified: true },
        extraIdentities: widgetIdentities(visitor, deps.identitySecret, now()),
        customerName: visitor.name,
        text: frame.text,
        attachments: files.value,
        key: `widget:${visitor.visitorId}:${frame.key}`,
        queue: WIDGET_QUEUE,
      });
      if (!result.ok) refuse(result.error.code, result.error.message);
      else send({ type: 'message', message: shown(result.value.message) });
    }

    /** The visitor's customer (made now if they have not written yet), and credentials for one call as them. */
    async function call(visitor: WidgetHello, siteId: string): Promise<void> {
      const calls = deps.calls;
      if (!calls?.calls.available(siteId)) {
        refuse('unavailable', 'calls are not available on this site');
        return;
      }
      if (!(await callBudget.take(id))) {
        refuse('rate_limited', 'you are calling too often, wait a moment');
        return;
      }
      const { customer, changed } = store.transaction(() =>
        calls.identities.resolve({
          primary: { kind: 'widget_visitor', value: visitor.visitorId, verified: true },
          extra: widgetIdentities(visitor, deps.identitySecret, now()),
          ...(visitor.name ? { name: visitor.name } : {}),
        }),
      );
      if (changed) conversations.publish({ kind: 'customer.upserted', customer });
      const ticket = calls.calls.issue(customer, siteId);
      if (!ticket) {
        refuse('unavailable', 'calls are not available on this site');
        return;
      }
      const { authorizationUsername, password, uri, wsUrl, number, displayName } = ticket;
      send({ type: 'call', call: { authorizationUsername, password, uri, wsUrl, number, ...(displayName ? { displayName } : {}) } });
    }

    async function handleFrame(frame: WidgetClientFrame): Promise<void> {
      if (frame.type === 'hello') {
        if (helloSeen) {
          refuse('conflict', 'this socket already said hello');
          return;
        }
        helloSeen = true;
        return greet(frame);
      }
      const visitor = hello;
      if (!visitor) {
        if (guard.badFrame()) refuse('unauthenticated', 'say hello first');
        return;
      }
      switch (frame.type) {
        case 'older':
          send({ type: 'older', ...page(visitor.visitorId, frame.before) });
          return;
        case 'typing': {
          const conversation = openConversationOf(visitor.visitorId);
          if (conversation && (await typingBudget.take(id))) deps.typing.fromCustomer(conversation, frame.active);
          return;
        }
        case 'message':
          return message(visitor, frame);
        case 'call':
          return call(visitor, frame.site);
      }
    }

    socket.on('message', (data, isBinary) => {
      const text = String(data);
      if (isBinary || text.length > MAX_WIDGET_FRAME_BYTES) {
        if (guard.badFrame()) refuse('frame_too_large', 'message too large');
        return;
      }
      const read = readFrame(text, widgetClientFrameSchema, MAX_WIDGET_FRAME_BYTES);
      if (!read.ok) {
        if (guard.badFrame()) refuse(read.error.code, read.error.code === 'frame_too_large' ? 'message too large' : read.error.message);
        return;
      }
      const frame = read.frame;
      queue = queue.then(() => handleFrame(frame)).catch((cause: unknown) => {
        log.log('error', 'widget frame failed', { detail: cause instanceof Error ? cause.message : String(cause) });
        refuse('internal', 'the message could not be handled');
      });
    });

    socket.on('close', () => {
      if (!hello) return;
      const set = visitors.get(hello.visitorId);
      set?.delete(guard.send);
      if (set?.size === 0) visitors.delete(hello.visitorId);
    });
  }

  /** Sends a frame to every tab the visitor has open; false when none is. */
  const toVisitor = (visitorId: string, frame: WidgetServerFrame): boolean => {
    if (!visitors.has(visitorId)) return false;
    broadcast(visitorId, frame);
    return true;
  };

  return { handle, toVisitor };
}
