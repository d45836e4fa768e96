import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/app-store';
import { closeConversation } from '../../store/conversation-actions';
import { DispositionSelect } from '../common/disposition-select';
import { ModalDialog } from '../common/modal-dialog';

/** Closing requires a disposition code: reporting on outcomes is worthless with gaps. */
export function CloseDialog({ conversationId, onClose }: { conversationId: string; onClose(): void }) {
  const { t } = useTranslation();
  const [disposition, setDisposition] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const online = useAppStore((s) => s.connection?.status === 'online');
  const closed = useRef(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!disposition) return;
    setBusy(true);
    const done = await closeConversation(conversationId, disposition, note);
    setBusy(false);
    closed.current = done;
    if (done) onClose();
  };

  return (
    <ModalDialog title={t('close.title')} onClose={onClose} testId="close-dialog" focusAfter={() => (closed.current ? 'acw' : null)}>
      <form className="dialog-form" onSubmit={(e) => void submit(e)}>
        <DispositionSelect value={disposition} onChange={setDisposition} testId="disposition" />
        {!online && (
          <p className="muted" data-testid="close-queued-hint">
            {t('close.offline_hint')}
          </p>
        )}
        <label>
          {t('close.note')}
          <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
        </label>
        <div className="actions">
          <button type="submit" disabled={busy || !disposition} data-testid="close-submit">
            {t('close.submit')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
