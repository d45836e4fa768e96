import { memo, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceMessage } from '../../../shared/contracts/workspace-contract';
import { useAppStore } from '../../store/app-store';
import { loadDirectory, redeliverMessage, retryMessage } from '../../store/conversation-actions';
import { AttachmentView } from './attachment-view';

interface MessageItemProps {
  message: WorkspaceMessage;
  /** Shown when the channel differs from the previous message: the customer moved (e.g. WeChat → web chat). */
  showChannel: boolean;
}

/**
 * Who wrote it, as the agent reading it would say: "You" only for their own messages; a colleague's
 * reply before a transfer, or a supervisor's whisper, carries that person's name.
 */
function useAuthorLabel(m: WorkspaceMessage): string {
  const { t } = useTranslation();
  const me = useAppStore((s) => s.agent?.id ?? null);
  const directory = useAppStore((s) => s.directory);
  const colleague = useAppStore((s) =>
    m.authorKind === 'agent' && m.authorId !== me && s.directory?.status === 'ready'
      ? (s.directory.value.agents.find((a) => a.id === m.authorId)?.displayName ?? null)
      : null,
  );
  const needsDirectory = m.authorKind === 'agent' && m.authorId !== null && m.authorId !== me && directory === null;
  useEffect(() => {
    if (needsDirectory) void loadDirectory();
  }, [needsDirectory]);
  if (m.authorKind === 'system') return t('conversation.system');
  if (m.authorKind === 'bot') return t('conversation.bot');
  if (m.authorKind === 'customer') return t('conversation.customer');
  if (m.authorId === null || m.authorId === me) return t('conversation.you');
  return colleague ?? t('conversation.colleague');
}

export const MessageItem = memo(function MessageItem({ message: m, showChannel }: MessageItemProps) {
  const { t, i18n } = useTranslation();
  const author = useAuthorLabel(m);
  const online = useAppStore((s) => s.connection?.status !== 'offline');
  // Once the hub has the reply, what matters is whether the customer's channel took it.
  const channel = m.delivery === 'sent' ? m.channelDelivery : undefined;
  return (
    <li
      className={`message message-${m.direction}${m.internal ? ' internal' : ''}${m.authorKind === 'bot' ? ' from-bot' : ''} delivery-state-${m.delivery}`}
      data-testid="message"
      data-author-kind={m.authorKind}
      data-internal={m.internal}
      data-delivery={m.delivery}
    >
      <span className="author">
        {showChannel && <span className={`channel channel-${m.channel}`}>{t(`channel.${m.channel}`)}</span>}
        {author}
        {m.internal && <span className="internal-label">{t('conversation.internal')}</span>}
      </span>
      {m.text && <span className="text">{m.text}</span>}
      {m.attachments.length > 0 && (
        <span className="attachments">
          {m.attachments.map((a) => (
            <AttachmentView key={a.id} attachment={a} />
          ))}
        </span>
      )}
      <span className="meta">
        <time dateTime={new Date(m.createdAt).toISOString()}>{new Date(m.createdAt).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })}</time>
        {m.direction === 'out' && !(m.internal && m.delivery === 'sent') && !channel && (
          <span className={`delivery delivery-${m.delivery}`} data-testid="delivery">
            {m.delivery === 'pending' && !online ? t('conversation.queued_offline') : t(`conversation.${m.delivery}`)}
          </span>
        )}
        {channel && (
          <span className={`delivery channel-delivery-${channel.state}`} data-testid="channel-delivery" data-state={channel.state}>
            {t(`conversation.channel_${channel.state}`)}
          </span>
        )}
        {channel?.state === 'failed' && (
          <button type="button" className="link" onClick={() => void redeliverMessage(m.id)} data-testid="redeliver">
            {t('conversation.channel_retry')}
          </button>
        )}
        {m.direction === 'out' && m.delivery === 'failed' && m.key && (
          <button type="button" className="link" onClick={() => void retryMessage(m.conversationId, m.key!)} data-testid="retry">
            {t('conversation.retry')}
          </button>
        )}
      </span>
    </li>
  );
});
