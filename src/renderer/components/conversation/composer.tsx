import { useEffect, useRef, useState, type ClipboardEvent, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposerMode } from '../../../shared/domain/draft';
import type { Attachment } from '../../../shared/domain/message';
import { MAX_MESSAGE_TEXT } from '../../../shared/domain/message';
import { fillCanned, type CannedResponse } from '../../lib/canned-responses';
import { useFocusRequest } from '../../lib/use-focus-request';
import { sendReply } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { agentTyping } from '../../store/conversation-actions';
import { drafts } from '../../store/drafts';
import { CannedPicker } from './canned-picker';
import { KbSearch } from '../assist/kb-search';
import { COMPOSER_INSERT_EVENT } from '../../lib/composer-insert';
import { ComplianceWarning, composerCompliance } from './compliance-warning';
import type { ComplianceFinding } from '../../../shared/nlp/compliance/compliance-check';
import { AttachButton, AttachmentChips, useComposerAttachments } from './composer-attachments';
import './composer.css';

/**
 * The reply box. What the agent writes is kept per conversation (see `drafts`), so switching
 * chats, reloading or restarting loses nothing; files can be attached, pasted or dropped.
 */
export function Composer({ conversationId, customerName }: { conversationId: string; customerName: string }) {
  const { t } = useTranslation();
  const agentName = useAppStore((s) => s.agent?.displayName ?? '');
  const online = useAppStore((s) => s.connection?.status === 'online');
  const held = drafts.peek(conversationId);
  const [text, setText] = useState(held?.text ?? '');
  const [mode, setMode] = useState<ComposerMode>(held?.mode ?? 'reply');
  const [picking, setPicking] = useState(false);
  const [searchingKb, setSearchingKb] = useState(false);
  const [warning, setWarning] = useState<ComplianceFinding[] | null>(null);
  const touched = useRef(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const files = useComposerAttachments(held?.attachments ?? [], (attachments) => remember({ attachments }), online);
  useFocusRequest('composer', textRef);

  const remember = (patch: { text?: string; mode?: ComposerMode; attachments?: Attachment[] }) => {
    touched.current = true;
    drafts.update(conversationId, patch);
  };

  // A draft this window does not hold yet comes from the host's cache; typing first wins.
  useEffect(() => {
    if (!held) {
      void drafts.load(conversationId).then((draft) => {
        if (touched.current) return;
        setText(draft.text);
        setMode(draft.mode);
        files.reset(draft.attachments);
      });
    }
    return () => void drafts.flush(conversationId);
    // Mounted once per conversation: the parent keys this component by conversation id.
  }, []);

  // The global `r`/`n` shortcuts pick the mode through this event; see shortcut-sheet.tsx.
  useEffect(() => {
    const el = textRef.current;
    const onMode = (event: Event) => {
      const next = (event as CustomEvent<ComposerMode>).detail;
      setMode(next);
      remember({ mode: next });
    };
    el?.addEventListener('switchboard:mode', onMode);
    return () => el?.removeEventListener('switchboard:mode', onMode);
  }, [picking]);

  // The assist panel and the knowledge search put text here; it stays editable until sent.
  useEffect(() => {
    const el = textRef.current;
    const onInsert = (event: Event) => insert((event as CustomEvent<string>).detail);
    el?.addEventListener(COMPOSER_INSERT_EVENT, onInsert);
    return () => el?.removeEventListener(COMPOSER_INSERT_EVENT, onInsert);
  });

  // Leaving a conversation mid-sentence must not leave "agent is typing" behind.
  useEffect(() => () => agentTyping(conversationId, false), [conversationId]);

  const changeMode = (next: ComposerMode) => {
    setMode(next);
    remember({ mode: next });
  };

  const submit = async (event: FormEvent | null, anyway = false) => {
    event?.preventDefault();
    const body = text.trim();
    const attachments = files.attachments;
    if ((!body && attachments.length === 0) || files.uploading) return;
    // Before a reply goes to the customer: forbidden phrases and full ID or card numbers are warned about first.
    if (mode === 'reply' && !anyway) {
      const findings = composerCompliance.check(body);
      if (findings.length > 0) {
        setWarning(findings);
        return;
      }
    }
    setWarning(null);
    const sentMode = mode;
    // A note is a side remark: the next message is meant for the customer again.
    setText('');
    setMode('reply');
    files.reset([]);
    touched.current = true;
    void drafts.clear(conversationId);
    agentTyping(conversationId, false);
    if (!(await sendReply(conversationId, body, sentMode === 'note', attachments))) {
      setText(body);
      setMode(sentMode);
      files.reset(attachments);
      remember({ text: body, mode: sentMode, attachments });
    }
  };

  const insert = (addition: string) => {
    const next = text.trim() ? `${text.trimEnd()} ${addition}` : addition;
    setText(next);
    setWarning(null);
    remember({ text: next });
    if (mode === 'reply') agentTyping(conversationId, true);
    // Focus moves back at once: an Enter pressed right after picking must send, not fall on the page.
    textRef.current?.focus();
  };

  const pick = (response: CannedResponse) => {
    insert(fillCanned(response.text, { customerName, agentName }));
    setPicking(false);
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const images = [...event.clipboardData.files].filter((f) => f.type.startsWith('image/'));
    // Copied text with a picture alongside (a web page) pastes as text; a screenshot alone becomes a file.
    if (images.length === 0 || event.clipboardData.types.includes('text/plain')) return;
    event.preventDefault();
    files.addFiles(images, true);
  };

  const onDrop = (event: DragEvent<HTMLFormElement>) => {
    if (event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    files.addFiles([...event.dataTransfer.files], false);
  };

  return (
    <form
      className={`composer composer-${mode}`}
      onSubmit={(e) => void submit(e)}
      onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()}
      onDrop={onDrop}
      data-testid="composer-form"
    >
      {picking && (
        <CannedPicker
          customerName={customerName}
          agentName={agentName}
          onPick={pick}
          onCancel={() => {
            setPicking(false);
            textRef.current?.focus();
          }}
        />
      )}
      {searchingKb && (
        <KbSearch
          onPick={(passage) => {
            insert(passage);
            setSearchingKb(false);
          }}
          onCancel={() => {
            setSearchingKb(false);
            textRef.current?.focus();
          }}
        />
      )}
      <div className="composer-tools" role="group" aria-label={t('conversation.mode')}>
        <button type="button" className={mode === 'reply' ? 'toggle on' : 'toggle'} aria-pressed={mode === 'reply'} onClick={() => changeMode('reply')} data-testid="mode-reply">
          {t('conversation.mode_reply')}
        </button>
        <button type="button" className={mode === 'note' ? 'toggle on' : 'toggle'} aria-pressed={mode === 'note'} onClick={() => changeMode('note')} data-testid="mode-note">
          {t('conversation.mode_note')}
        </button>
        <button type="button" className="secondary" aria-expanded={picking} onClick={() => setPicking((p) => !p)} data-testid="canned-open">
          {t('canned.title')}
        </button>
        <button
          type="button"
          className="secondary"
          aria-expanded={searchingKb}
          aria-keyshortcuts="Alt+K"
          onClick={() => {
            setPicking(false);
            setSearchingKb((open) => !open);
          }}
          data-testid="kb-open"
        >
          {t('kb.open')}
        </button>
        <AttachButton online={online} onFiles={(list) => files.addFiles(list, false)} />
      </div>
      <AttachmentChips attachments={files.attachments} uploads={files.uploads} problem={files.problem} onRemove={files.remove} />
      {warning && (
        <ComplianceWarning
          findings={warning}
          onSendAnyway={() => void submit(null, true)}
          onEdit={() => {
            setWarning(null);
            textRef.current?.focus();
          }}
        />
      )}
      <div className="composer-input">
        <label htmlFor="composer" className="visually-hidden">
          {mode === 'note' ? t('conversation.note_placeholder') : t('conversation.composer')}
        </label>
        <textarea
          id="composer"
          ref={textRef}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setWarning(null);
            remember({ text: e.target.value });
            if (mode === 'reply') agentTyping(conversationId, e.target.value.length > 0);
          }}
          onPaste={onPaste}
          onBlur={() => agentTyping(conversationId, false)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            } else if (e.altKey && e.code === 'KeyK') {
              e.preventDefault();
              setPicking(false);
              setSearchingKb(true);
            } else if (e.key === '/' && text === '') {
              e.preventDefault();
              setPicking(true);
            } else if (e.key === 'Escape') {
              // Back to the list, where j/k and Enter pick the next conversation.
              e.preventDefault();
              useAppStore.getState().requestFocus('inbox');
            }
          }}
          placeholder={mode === 'note' ? t('conversation.note_placeholder') : t('conversation.composer')}
          data-testid="composer"
          maxLength={MAX_MESSAGE_TEXT}
        />
        <button type="submit" disabled={files.uploading} data-testid="send">
          {mode === 'note' ? t('conversation.add_note') : t('conversation.send')}
        </button>
      </div>
    </form>
  );
}
