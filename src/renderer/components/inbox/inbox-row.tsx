import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { slaDueAt } from '../../lib/sla-policy';
import { useSentiment } from '../../lib/sentiment';
import { openConversation } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { customerLabel } from '../../lib/customer-label';
import { SlaBadge } from './sla-badge';

function SentimentBadge({ text }: { text: string | null }) {
  const { t } = useTranslation();
  const label = useSentiment(text);
  if (!label) return null;
  return (
    <span className={`sentiment sentiment-${label}`} data-testid="sentiment">
      {t(`sentiment.${label}`)}
    </span>
  );
}

/** A place the window does not hold yet: the same height, announced as loading, replaced as soon as its row is read. */
export const InboxRowLoading = memo(function InboxRowLoading({ index, count, top, height }: { index: number; count: number; top: number; height: number }) {
  const { t } = useTranslation();
  return (
    <div role="option" aria-selected={false} aria-busy="true" aria-setsize={count} aria-posinset={index + 1} className="row row-loading muted" style={{ transform: `translateY(${top}px)`, height }}>
      {t('common.loading')}
    </div>
  );
});

interface InboxRowProps {
  id: string;
  index: number;
  count: number;
  active: boolean;
  top: number;
  height: number;
}

export const InboxRow = memo(function InboxRow({ id, index, count, active, top, height }: InboxRowProps) {
  const { t } = useTranslation();
  const conversation = useAppStore((s) => s.conversations[id]);
  const name = useAppStore((s) => (conversation ? s.customers[conversation.customerId]?.name : undefined));
  const selected = useAppStore((s) => s.selectedId === id);
  const unread = useAppStore((s) => s.unread[id] ?? 0);
  const awaitingSince = useAppStore((s) => s.meta[id]?.awaitingSince ?? null);
  const lastCustomerText = useAppStore((s) => s.meta[id]?.lastCustomerText ?? null);
  const targets = useAppStore((s) => (conversation ? s.queues[conversation.queue] : undefined));
  if (!conversation) return null;
  const dueAt = slaDueAt(conversation, awaitingSince, targets);
  return (
    <div
      id={`inbox-row-${id}`}
      role="option"
      aria-selected={selected}
      aria-setsize={count}
      aria-posinset={index + 1}
      className={`row${active ? ' active' : ''}${unread > 0 ? ' unread' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => void openConversation(id)}
      data-testid="inbox-row"
      data-conversation-id={id}
    >
      <span className="row-head">
        <span className={`channel channel-${conversation.channel}`}>{t(`channel.${conversation.channel}`)}</span>
        <span className="name">{customerLabel(name, conversation.customerId, (tag) => t('customer.visitor', { tag }))}</span>
        {unread > 0 && (
          <span className="unread-count" data-testid="unread">
            {t('inbox.unread', { count: unread })}
          </span>
        )}
        {dueAt !== null && <SlaBadge dueAt={dueAt} />}
      </span>
      <span className="row-foot">
        <span className={`status status-${conversation.status}`}>{t(`status.${conversation.status}`)}</span>
        {conversation.call?.callback && conversation.call.callback.dialledAt === null && (
          <span className="callback-badge" data-testid="callback-badge">
            {t('callRecord.callback', { number: conversation.call.callback.number })}
          </span>
        )}
        {conversation.call?.missed && (
          <span className="missed-call" data-testid="missed-call">
            {t('callRecord.missed')}
          </span>
        )}
        <SentimentBadge text={lastCustomerText} />
        <span className="preview">{conversation.preview}</span>
      </span>
    </div>
  );
});
