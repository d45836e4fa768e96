import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { openConversation } from '../store/actions';
import { useAppStore } from '../store/app-store';

export function InboxList() {
  const { t } = useTranslation();
  const conversations = useAppStore(
    useShallow((s) => Object.values(s.conversations).sort((a, b) => (b.lastMessageAt ?? b.updatedAt) - (a.lastMessageAt ?? a.updatedAt))),
  );
  const customers = useAppStore((s) => s.customers);
  const selectedId = useAppStore((s) => s.selectedId);
  return (
    <nav className="inbox" aria-label={t('shell.inbox')}>
      <h2>{t('shell.inbox')}</h2>
      <p className="muted">{t('inbox.count', { count: conversations.length })}</p>
      {conversations.length === 0 && <p className="muted">{t('inbox.empty')}</p>}
      <ul role="listbox" aria-label={t('shell.inbox')} data-testid="inbox">
        {conversations.map((c) => (
          <li key={c.id} role="option" aria-selected={c.id === selectedId}>
            <button className="row" onClick={() => void openConversation(c.id)} data-testid="inbox-row">
              <span className="row-head">
                <span className={`channel channel-${c.channel}`}>{t(`channel.${c.channel}`)}</span>
                <span className="name">{customers[c.customerId]?.name ?? ''}</span>
                <span className={`status status-${c.status}`}>{t(`status.${c.status}`)}</span>
              </span>
              <span className="preview">{c.preview}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
