import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceMessage } from '../../../shared/contracts/workspace-contract';
import { retryMessage } from '../../store/conversation-actions';
import { AttachmentView } from './attachment-view';

interface MessageItemProps {
  message: WorkspaceMessage;
  /** Shown when the channel differs from the previous message: the customer moved (e.g. WeChat → web chat). */
  showChannel: boolean;
}

export const MessageItem = memo(function MessageItem({ message: m, showChannel }: MessageItemProps) {
  const { t, i18n } = useTranslation();
  const author = m.authorKind === 'system' ? t('conversation.system') : m.direction === 'out' ? t('conversation.you') : t('conversation.customer');
  return (
    <li
      className={`message message-${m.direction}${m.internal ? ' internal' : ''} delivery-state-${m.delivery}`}
      data-testid="message"
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
        {m.direction === 'out' && (
          <span className={`delivery delivery-${m.delivery}`} data-testid="delivery">
            {t(`conversation.${m.delivery}`)}
          </span>
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
