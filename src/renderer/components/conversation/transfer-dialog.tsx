import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferTarget } from '../../../shared/protocol/hub-protocol';
import { useAppStore } from '../../store/app-store';
import { loadDirectory, transferConversation } from '../../store/conversation-actions';
import { ModalDialog } from '../common/modal-dialog';

/** Transfer to a named agent or to a queue, with a note the next agent reads first. */
export function TransferDialog({ conversationId, onClose }: { conversationId: string; onClose(): void }) {
  const { t } = useTranslation();
  const directory = useAppStore((s) => s.directory);
  const selfId = useAppStore((s) => s.agent?.id);
  const [choice, setChoice] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  // A transfer needs the hub to answer at once (the target agent may have gone): it cannot wait in the outbox.
  const online = useAppStore((s) => s.connection?.status === 'online');

  useEffect(() => {
    void loadDirectory();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const [kind, id] = choice.split(':');
    if (!id) return;
    const target: TransferTarget = kind === 'agent' ? { kind: 'agent', agentId: id } : { kind: 'queue', queue: id };
    setBusy(true);
    const done = await transferConversation(conversationId, target, note);
    setBusy(false);
    if (done) onClose();
  };

  const agents = directory?.status === 'ready' ? directory.value.agents.filter((a) => a.id !== selfId) : [];
  const queues = directory?.status === 'ready' ? directory.value.queues : [];
  return (
    <ModalDialog title={t('transfer.title')} onClose={onClose} testId="transfer-dialog">
      <form className="dialog-form" onSubmit={(e) => void submit(e)}>
        {!online && (
          <p id="transfer-offline" role="alert" className="error" data-testid="transfer-offline">
            {t('transfer.offline')}
          </p>
        )}
        {online && directory?.status === 'failed' && (
          <p role="alert" className="error">
            {t(`error.${directory.error.code}`, { message: directory.error.message })}
          </p>
        )}
        <label>
          {t('transfer.target')}
          <select value={choice} onChange={(e) => setChoice(e.target.value)} required data-testid="transfer-target">
            <option value="">{directory?.status === 'loading' ? t('common.loading') : t('transfer.choose')}</option>
            {agents.length > 0 && (
              <optgroup label={t('transfer.agents')}>
                {agents.map((a) => (
                  <option key={a.id} value={`agent:${a.id}`} disabled={!a.online}>
                    {t('transfer.agent_option', { name: a.displayName, state: a.online ? t(`state.${a.state}`, { defaultValue: a.state }) : t('state.offline') })}
                  </option>
                ))}
              </optgroup>
            )}
            {queues.length > 0 && (
              <optgroup label={t('transfer.queues')}>
                {queues.map((q) => (
                  <option key={q.id} value={`queue:${q.id}`}>
                    {t(`queue.${q.id}`, { defaultValue: q.name })}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label>
          {t('transfer.note')}
          <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} data-testid="transfer-note" />
        </label>
        <div className="actions">
          <button type="submit" disabled={busy || !choice || !online} aria-describedby={online ? undefined : 'transfer-offline'} data-testid="transfer-submit">
            {t('transfer.submit')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
