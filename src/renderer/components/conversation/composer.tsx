import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MESSAGE_TEXT } from '../../../shared/domain/message';
import { fillCanned, type CannedResponse } from '../../lib/canned-responses';
import { sendReply } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { agentTyping } from '../../store/conversation-actions';
import { CannedPicker } from './canned-picker';

type Mode = 'reply' | 'note';

export function Composer({ conversationId, customerName }: { conversationId: string; customerName: string }) {
  const { t } = useTranslation();
  const agentName = useAppStore((s) => s.agent?.displayName ?? '');
  const [draft, setDraft] = useState('');
  const [mode, setMode] = useState<Mode>('reply');
  const [picking, setPicking] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);

  // The global `r`/`n` shortcuts pick the mode through this event; see shortcut-sheet.tsx.
  useEffect(() => {
    const el = textRef.current;
    const onMode = (event: Event) => setMode((event as CustomEvent<Mode>).detail);
    el?.addEventListener('switchboard:mode', onMode);
    return () => el?.removeEventListener('switchboard:mode', onMode);
  }, [picking]);

  // Leaving a conversation mid-sentence must not leave "agent is typing" behind.
  useEffect(() => () => agentTyping(conversationId, false), [conversationId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    agentTyping(conversationId, false);
    if (!(await sendReply(conversationId, text, mode === 'note'))) setDraft(text);
  };

  const pick = (response: CannedResponse) => {
    const filled = fillCanned(response.text, { customerName, agentName });
    setDraft((d) => (d.trim() ? `${d.trimEnd()} ${filled}` : filled));
    // Focus moves back at once: an Enter pressed right after picking must send, not fall on the page.
    textRef.current?.focus();
    setPicking(false);
  };

  return (
    <form className={`composer composer-${mode}`} onSubmit={(e) => void submit(e)}>
      {picking && (
        <CannedPicker
          onPick={pick}
          onCancel={() => {
            setPicking(false);
            textRef.current?.focus();
          }}
        />
      )}
      <div className="composer-tools" role="group" aria-label={t('conversation.mode')}>
        <button type="button" className={mode === 'reply' ? 'toggle on' : 'toggle'} aria-pressed={mode === 'reply'} onClick={() => setMode('reply')} data-testid="mode-reply">
          {t('conversation.mode_reply')}
        </button>
        <button type="button" className={mode === 'note' ? 'toggle on' : 'toggle'} aria-pressed={mode === 'note'} onClick={() => setMode('note')} data-testid="mode-note">
          {t('conversation.mode_note')}
        </button>
        <button type="button" className="secondary" aria-expanded={picking} onClick={() => setPicking((p) => !p)} data-testid="canned-open">
          {t('canned.title')}
        </button>
      </div>
      <div className="composer-input">
        <label htmlFor="composer" className="visually-hidden">
          {mode === 'note' ? t('conversation.note_placeholder') : t('conversation.composer')}
        </label>
        <textarea
          id="composer"
          ref={textRef}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            if (mode === 'reply') agentTyping(conversationId, e.target.value.length > 0);
          }}
          onBlur={() => agentTyping(conversationId, false)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            } else if (e.key === '/' && draft === '') {
              e.preventDefault();
              setPicking(true);
            } else if (e.key === 'Escape') {
              e.currentTarget.blur();
            }
          }}
          placeholder={mode === 'note' ? t('conversation.note_placeholder') : t('conversation.composer')}
          data-testid="composer"
          maxLength={MAX_MESSAGE_TEXT}
        />
        <button type="submit" data-testid="send">
          {mode === 'note' ? t('conversation.add_note') : t('conversation.send')}
        </button>
      </div>
    </form>
  );
}
