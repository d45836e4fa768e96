import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShellStore } from '../../shell/shell-store';
import { ModalDialog } from '../common/modal-dialog';

/**
 * A tel:/sip: link from outside the app (a web page, a mail, another program) shows the number and waits for
 * the agent's yes: nothing dials by itself. "Don't ask again" turns the question off (the desktop setting
 * `confirmDialLinks`, also in Settings).
 */
export function DialPromptDialog() {
  const { t } = useTranslation();
  const prompt = useShellStore((s) => s.dialPrompt);
  const [dontAsk, setDontAsk] = useState(false);
  if (!prompt) return null;
  const target = prompt.request.target;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    prompt.confirm(dontAsk);
    setDontAsk(false);
  };
  return (
    <ModalDialog title={t('dialPrompt.title')} onClose={() => prompt.cancel()} testId="dial-prompt">
      <form className="dialog-form" onSubmit={submit}>
        <p>{t('dialPrompt.body')}</p>
        <p className="dial-prompt-target" data-testid="dial-prompt-target">
          <strong>{target.display}</strong>
          {target.kind === 'tel' && target.extension ? ` ${t('dialPrompt.extension', { extension: target.extension })}` : ''}
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={dontAsk} onChange={(e) => setDontAsk(e.target.checked)} data-testid="dial-prompt-dont-ask" />
          {t('dialPrompt.dont_ask')}
        </label>
        <div className="actions">
          <button type="submit" autoFocus data-testid="dial-prompt-call">
            {t('dialPrompt.call')}
          </button>
          <button type="button" className="secondary" onClick={() => prompt.cancel()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
