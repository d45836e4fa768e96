import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../shared/domain/conversation';
import { useNow } from '../../lib/use-now';
import { loadDispositions } from '../../store/agent-actions';
import { acceptOffer, rejectOffer } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { loadDirectory } from '../../store/conversation-actions';
import './conversation-state-notice.css';

/** Who handles it, as the agent would say it: "you", a colleague's name, or "a colleague". */
function useHandlerName(agentId: string | null): string | null {
  const { t } = useTranslation();
  const me = useAppStore((s) => s.agent?.id ?? null);
  const known = useAppStore((s) => (s.directory?.status === 'ready' ? s.directory.value.agents.find((a) => a.id === agentId)?.displayName : undefined));
  const needsDirectory = useAppStore((s) => agentId !== null && agentId !== me && s.directory === null);
  useEffect(() => {
    if (needsDirectory) void loadDirectory();
  }, [needsDirectory]);
  if (agentId === null) return null;
  if (agentId === me) return t('conversation.you_lower');
  return known ?? t('conversation.colleague');
}

function ClosedNotice({ conversation }: { conversation: Conversation }) {
  const { t, i18n } = useTranslation();
  const who = useHandlerName(conversation.assigneeId);
  const label = useAppStore((s) =>
    s.dispositions?.status === 'ready' ? s.dispositions.value.find((d) => d.code === conversation.disposition)?.label : undefined,
  );
  useEffect(() => void loadDispositions(), []);
  const when = conversation.closedAt ? new Date(conversation.closedAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) : null;
  return (
    <>
      <p>
        <strong>{who ? t('conversation.closed_by', { name: who }) : t('conversation.closed')}</strong>
        {conversation.disposition && <> · {t(`disposition.${conversation.disposition}`, { defaultValue: label ?? conversation.disposition })}</>}
        {when && <> · {when}</>}
      </p>
      {conversation.dispositionNote && <p className="notice-note">{conversation.dispositionNote}</p>}
      <p className="muted">{t('conversation.closed_next')}</p>
      <div className="notice-actions">
        <button type="button" className="secondary" onClick={() => useAppStore.getState().requestFocus('inbox')} data-testid="notice-to-inbox">
          {t('conversation.to_inbox')}
        </button>
      </div>
    </>
  );
}

function OfferedNotice({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const offer = useAppStore((s) => Object.values(s.offers).find((o) => o.conversationId === conversation.id));
  const now = useNow();
  if (!offer) return <WaitingNotice conversation={conversation} />;
  const seconds = Math.max(0, Math.ceil((offer.expiresAt - now) / 1000));
  return (
    <>
      <p>
        <strong>{t('conversation.offered_to_you')}</strong> · {t('offer.expires', { count: seconds })}
      </p>
      <div className="notice-actions">
        <button type="button" onClick={() => void acceptOffer(offer.id)} data-testid="notice-accept">
          {t('offer.accept')}
        </button>
        <button type="button" className="secondary" onClick={() => void rejectOffer(offer.id)} data-testid="notice-decline">
          {t('offer.reject')}
        </button>
      </div>
    </>
  );
}

function WaitingNotice({ conversation }: { conversation: Conversation }) {
  const { t, i18n } = useTranslation();
  const queue = useAppStore((s) => s.queues[conversation.queue]?.name ?? conversation.queue);
  const since = conversation.queuedAt ?? conversation.createdAt;
  return (
    <p>
      <strong>{t('conversation.waiting_in', { queue: t(`queue.${conversation.queue}`, { defaultValue: queue }) })}</strong> ·{' '}
      {t('conversation.waiting_since', { time: new Date(since).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) })}
      <span className="muted"> · {t('conversation.waiting_next')}</span>
    </p>
  );
}

function OthersNotice({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const who = useHandlerName(conversation.assigneeId);
  return (
    <p>
      <strong>{who ? t('conversation.handled_by', { name: who }) : t('conversation.readonly')}</strong>
    </p>
  );
}

/**
 * In place of the reply box when this agent cannot reply: says what the conversation is (closed
 * and how, offered to them, waiting, someone else's) and offers what can be done from here.
 */
export function ConversationStateNotice({ conversation }: { conversation: Conversation }) {
  const body =
    conversation.status === 'closed' ? (
      <ClosedNotice conversation={conversation} />
    ) : conversation.status === 'offered' ? (
      <OfferedNotice conversation={conversation} />
    ) : conversation.status === 'queued' ? (
      <WaitingNotice conversation={conversation} />
    ) : (
      <OthersNotice conversation={conversation} />
    );
  return (
    <div className={`state-notice state-notice-${conversation.status}`} role="status" data-testid="conversation-state" data-status={conversation.status}>
      {body}
    </div>
  );
}
