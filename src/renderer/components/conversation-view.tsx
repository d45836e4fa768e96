import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sendReply } from '../store/actions';
import { useAppStore } from '../store/app-store';

const EMPTY: never[] = [];

export function ConversationView() {
  const { t, i18n } = useTranslation();
  const selectedId = useAppStore((s) => s.selectedId);
  const conversation = useAppStore((s) => (s.selectedId ? s.conversations[s.selectedId] : undefined));
  const messages = useAppStore((s) => (s.selectedId ? (s.messages[s.selectedId] ?? EMPTY) : EMPTY));
  const agentId = useAppStore((s) => s.agent?.id);
  const [draft, setDraft] = useState('');

  if (!selectedId || !conversation) {
    return (
      <section className="conversation empty" aria-label={t('shell.conversation')}>
        <p className="muted">{t('conversation.none')}</p>
      </section>
    );
  }
  const mine = conversation.assigneeId === agentId && conversation.status !== 'closed';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    if (!(await sendReply(conversation.id, text))) setDraft(text);
  };

  return (
    <section className="conversation" aria-label={t('shell.conversation')}>
      <ol className="messages" data-testid="messages" aria-live="polite">
        {messages.map((m) => (
          <li key={m.id} className={`message message-${m.direction}${m.internal ? ' internal' : ''}`} data-testid="message">
            <span className="author">{m.direction === 'out' ? t('conversation.you') : t('conversation.customer')}</span>
            <span className="text">{m.text}</span>
            <span className="meta">
              <time dateTime={new Date(m.createdAt).toISOString()}>{new Date(m.createdAt).toLocaleTimeString(i18n.language)}</time>
              {m.direction === 'out' && <span className={`delivery delivery-${m.delivery}`}>{t(`conversation.${m.delivery}`)}</span>}
            </span>
          </li>
        ))}
      </ol>
      {mine ? (
        <form className="composer" onSubmit={(e) => void submit(e)}>
          <label htmlFor="composer" className="visually-hidden">
            {t('conversation.composer')}
          </label>
          <textarea
            id="composer"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            placeholder={t('conversation.composer')}
            data-testid="composer"
            maxLength={10000}
          />
          <button type="submit" data-testid="send">
            {t('conversation.send')}
          </button>
        </form>
      ) : (
        <p className="muted">{t('conversation.readonly')}</p>
      )}
    </section>
  );
}
