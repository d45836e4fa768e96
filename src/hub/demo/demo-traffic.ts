import { randomBytes } from 'node:crypto';
import type { Identity } from '../../shared/domain/customer';
import type { Logger } from '../../shared/log';
import type { ConversationService } from '../conversation-service';
import type { HubStore } from '../store/hub-store';
import { demoArrivals, type DemoArrival } from './demo-traffic-script';

export interface DemoTrafficOptions {
  store: HubStore;
  conversations: ConversationService;
  log: Logger;
  /** When the first new chat arrives after the start. */
  firstAfterMs?: number;
  /** The pause between arrivals is drawn from this range, as people arrive unevenly. */
  everyMs?: readonly [number, number];
  /** How long a customer takes to answer an agent's reply, drawn from this range. */
  answerAfterMs?: readonly [number, number];
  /** No new arrival while this many contacts already wait: the demo never floods a desk nobody staffs. */
  maxWaiting?: number;
  random?: () => number;
}

export interface DemoTraffic {
  stop(): void;
}

function identityFor(arrival: DemoArrival, id: string): Pick<Identity, 'kind' | 'value'> {
  switch (arrival.channel) {
    case 'widget':
      return { kind: 'widget_visitor', value: `demo-live-${id}` };
    case 'wechat':
      return { kind: 'wechat_openid', value: `oDemoLive-${id}` };
    case 'webhook':
      return { kind: 'platform_user', value: `taobao:demo-live-${id}` };
    case 'email':
      return { kind: 'email', value: `demo-live-${id}@example.com` };
  }
}

/**
 * New chats at a human pace while the demo hub runs, through the same ingest every channel uses,
 * so offers, alerts, the inbox and the wallboard move. A customer answers each reply with their
 * next line, a little later.
 */
export function startDemoTraffic(options: DemoTrafficOptions): DemoTraffic {
  const { store, conversations, log } = options;
  const random = options.random ?? Math.random;
  const [minEvery, maxEvery] = options.everyMs ?? [25_000, 50_000];
  const [minAnswer, maxAnswer] = options.answerAfterMs ?? [5_000, 12_000];
  const maxWaiting = options.maxWaiting ?? 4;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min));
  const timers = new Set<NodeJS.Timeout>();
  /** Conversation id → what its customer says next, and who they are. */
  const live = new Map<string, { arrival: DemoArrival; identity: Pick<Identity, 'kind' | 'value'>; next: number }>();
  let stopped = false;
  let turn = Math.floor(random() * demoArrivals.length);

  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopped) return;
      try {
        run();
      } catch (cause) {
        log.log('warn', 'demo traffic step failed', { detail: cause instanceof Error ? cause.message : String(cause) });
      }
    }, ms);
    timer.unref();
    timers.add(timer);
  };

  const say = (arrival: DemoArrival, identity: Pick<Identity, 'kind' | 'value'>, line: number): string | null => {
    const result = conversations.ingest({
      channel: arrival.channel,
      identity: { ...identity, verified: arrival.channel !== 'email' },
      customerName: arrival.name || undefined,
      text: arrival.lines[line]!,
      key: `demo-live:${identity.value}:${line}`,
      queue: 'chat',
    });
    return result.ok ? result.value.conversation.id : null;
  };

  const arrive = (): void => {
    const waiting = store.conversationsByStatus('queued').length + store.conversationsByStatus('offered').length;
    if (waiting < maxWaiting) {
      const arrival = demoArrivals[turn++ % demoArrivals.length]!;
      const identity = identityFor(arrival, randomBytes(6).toString('hex'));
      const conversationId = say(arrival, identity, 0);
      if (conversationId) live.set(conversationId, { arrival, identity, next: 1 });
    }
    later(between(minEvery, maxEvery), arrive);
  };

  const unsubscribe = conversations.onOutbound((message, conversation) => {
    const talk = live.get(conversation.id);
    if (!talk || message.internal || message.authorKind !== 'agent') return;
    if (talk.next >= talk.arrival.lines.length) {
      live.delete(conversation.id);
      return;
    }
    const line = talk.next++;
    later(between(minAnswer, maxAnswer), () => {
      if (store.conversation(conversation.id)?.status === 'closed') return void live.delete(conversation.id);
      say(talk.arrival, talk.identity, line);
    });
  });

  later(options.firstAfterMs ?? 8_000, arrive);
  log.log('info', 'demo traffic started');
  return {
    stop() {
      stopped = true;
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
