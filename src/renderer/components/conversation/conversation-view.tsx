import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupByTime, relativeDay } from '../../lib/time-groups';
import { useNow } from '../../lib/use-now';
import { useAppStore } from '../../store/app-store';
import { AgentAlertBanner } from './agent-alert-banner';
import { CallRecordings } from './call-recordings';
import { CallSummary } from './call-summary';
import { CloseDialog } from './close-dialog';
import { Composer } from './composer';
import { ConversationStateNotice } from './conversation-state-notice';
import { isShortcutEvent } from '../../lib/typing-target';
import { MessageItem } from './message-item';
import { TakenOverNotice } from './taken-over-notice';
import { TransferDialog } from './transfer-dialog';
import { customerLabel } from '../../lib/customer-label';
import { InsightBadges } from './insight-badges';
import { AssistPanel } from '../assist/assist-panel';
import { LinkedOrders } from './linked-orders';

const EMPTY: never[] = [];

function CustomerTyping({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const until = useAppStore((s) => s.customerTyping[conversationId] ?? 0);
  const now = useNow();
  if (until <= now) return null;
  return (
    <p className="typing muted" role="status" data-testid="customer-typing">
      {t('conversation.customer_typing')}
    </p>
  );
}

export function ConversationView() {
  const { t, i18n } = useTranslation();
  const selectedId = useAppStore((s) => s.selectedId);
  const conversation = useAppStore((s) => (s.selectedId ? s.conversations[s.selectedId] : undefined));
  const givenName = useAppStore((s) => (conversation ? (s.customers[conversation.customerId]?.name ?? '') : ''));
  const customerName = conversation ? customerLabel(givenName, conversation.customerId, (tag) => t('customer.visitor', { tag })) : '';
  const messages = useAppStore((s) => (s.selectedId ? (s.messages[s.selectedId] ?? EMPTY) : EMPTY));
  const agentId = useAppStore((s) => s.agent?.id);
  const [dialog, setDialog] = useState<'none' | 'transfer' | 'close'>('none');
  const listRef = useRef<HTMLOListElement>(null);
  const timeline = useMemo(() => groupByTime(messages), [messages]);

  const mineNow = conversation !== undefined && conversation.assigneeId === agentId && conversation.status !== 'closed';
  // `t` transfers and `c` closes the open conversation, from anywhere outside a text field.
  useEffect(() => {
    if (!mineNow) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isShortcutEvent(event) || (event.key !== 't' && event.key !== 'c')) return;
      event.preventDefault();
      setDialog(event.key === 't' ? 'transfer' : 'close');
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [mineNow]);

  // Follow the newest message, as chat clients do.
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, selectedId]);

  if (!selectedId || !conversation) {
    return (
      <section className="conversation empty" aria-label={t('shell.conversation')}>
        <p className="muted">{t('conversation.none')}</p>
      </section>
    );
  }
  const mine = conversation.assigneeId === agentId && conversation.status !== 'closed';
  const now = Date.now();
  const dayLabel = (at: number) => {
    const rel = relativeDay(at, now);
    return rel ? t(`time.${rel}`) : new Date(at).toLocaleDateString(i18n.language, { dateStyle: 'medium' });
  };

  let previousChannel = conversation.channel;
  return (
    <section className="conversation" aria-label={t('shell.conversation')}>
      <header className="conversation-head">
        <span className={`channel channel-${conversation.channel}`}>{t(`channel.${conversation.channel}`)}</span>
        <h2>{customerName}</h2>
        <span className={`status status-${conversation.status}`}>{t(`status.${conversation.status}`)}</span>
        {conversation.call && <CallSummary call={conversation.call} />}
        <InsightBadges conversation={conversation} />
        <LinkedOrders conversation={conversation} />
        {mine && (
          <span className="head-actions">
            <button type="button" className="secondary" onClick={() => setDialog('transfer')} aria-keyshortcuts="t" data-testid="transfer">
              {t('transfer.open')}
            </button>
            <button type="button" onClick={() => setDialog('close')} aria-keyshortcuts="c" aria-label={t('close.open_label')} data-testid="close-conversation">
              {t('close.open')}
            </button>
          </span>
        )}
      </header>
      <CallRecordings conversation={conversation} />
      <AgentAlertBanner conversationId={conversation.id} />
      <TakenOverNotice conversationId={conversation.id} />
      {conversation.unverified && (
        <p className="unverified-notice" role="note" data-testid="unverified-sender">
          {t('conversation.unverified_sender')}
        </p>
      )}
      <ol className="messages" ref={listRef} data-testid="messages" aria-live="polite" aria-label={t('conversation.messages')} tabIndex={0}>
        {timeline.map((entry) => {
          if (entry.kind === 'day')
            return (
              <li key={entry.key} className="separator">
                <span>{dayLabel(entry.at)}</span>
              </li>
            );
          if (entry.kind === 'gap')
            return (
              <li key={entry.key} className="separator gap">
                <span>{new Date(entry.at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })}</span>
              </li>
            );
          const showChannel = entry.item.channel !== previousChannel;
          previousChannel = entry.item.channel;
          return <MessageItem key={entry.key} message={entry.item} showChannel={showChannel} />;
        })}
      </ol>
      <CustomerTyping conversationId={conversation.id} />
      {mine && <AssistPanel key={`assist-${conversation.id}`} conversationId={conversation.id} customerName={customerName} />}
      {mine ? <Composer key={conversation.id} conversationId={conversation.id} customerName={customerName} /> : <ConversationStateNotice conversation={conversation} />}
      {dialog === 'transfer' && <TransferDialog conversationId={conversation.id} onClose={() => setDialog('none')} />}
      {dialog === 'close' && <CloseDialog conversationId={conversation.id} onClose={() => setDialog('none')} />}
    </section>
  );
}
