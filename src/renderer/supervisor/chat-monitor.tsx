import { useState, type FormEvent } from 'react';
import { useSupervisorStore } from './supervisor-store';
import { closeChat, takeOver, whisper, type SupervisorClient } from './supervisor-actions';
import { useSupervisorT } from './supervisor-i18n';
import { customerLabel } from '../lib/customer-label';

/** A live chat, read-only: messages stream in; the supervisor can only whisper to the agent or take over. */
export function ChatMonitor({ client, agentName }: { client: SupervisorClient; agentName(id: string | null): string | null }) {
  const st = useSupervisorT();
  const chat = useSupervisorStore((s) => s.chat);
  const takenOver = useSupervisorStore((s) => s.takenOver);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);

  if (!chat) {
    return (
      <section aria-labelledby="sv-chat" className="supervisor-chat">
        <h3 id="sv-chat">{st('chat.title')}</h3>
        <p>{st('chat.empty')}</p>
      </section>
    );
  }
  const { conversation, messages } = chat;
  const assignee = agentName(conversation.assigneeId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text || sending) return;
    setSending(true);
    if (await whisper(client, conversation.id, text)) setDraft('');
    setSending(false);
  };

  return (
    <section aria-labelledby="sv-chat" className="supervisor-chat" data-testid="chat-monitor" data-conversation={conversation.id}>
      <h3 id="sv-chat">
        {st('chat.title')} · {customerLabel(chat.customerName, conversation.customerId, (tag) => st('contacts.visitor', { tag }))}
      </h3>
      <p>
        {assignee ? st('chat.assignedTo', { name: assignee }) : st('contacts.unassigned')} · {st('chat.readOnly')}
      </p>
      <ol className="supervisor-messages" data-testid="monitor-messages" aria-live="polite">
        {messages.map((m) => (
          <li key={m.id} data-author={m.authorKind} data-internal={m.internal ? 'true' : 'false'}>
            <strong>{m.authorKind === 'agent' ? (agentName(m.authorId) ?? st('chat.author.agent')) : st(`chat.author.${m.authorKind}`)}</strong>
            {m.internal && <em> ({st('chat.internal')})</em>}: {m.text}
          </li>
        ))}
      </ol>
      {takenOver ? (
        <p role="status">{st('chat.takenOver')}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="supervisor-whisper">
          <label htmlFor="sv-whisper">{st('chat.whisperLabel')}</label>
          <input id="sv-whisper" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={st('chat.whisperPlaceholder')} maxLength={10_000} data-testid="whisper-input" />
          <button type="submit" disabled={sending || draft.trim() === ''} data-testid="whisper-send">
            {st('chat.whisperSend')}
          </button>
          <button
            type="button"
            className="danger"
            data-testid="take-over"
            onClick={() => {
              if (window.confirm(st('chat.takeOverConfirm'))) void takeOver(client, conversation.id);
            }}
          >
            {st('chat.takeOver')}
          </button>
        </form>
      )}
      <button type="button" className="secondary" onClick={() => void closeChat(client)}>
        {st('chat.close')}
      </button>
    </section>
  );
}
