import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { phoneActions } from '../../store/phone-actions';
import { useAppStore } from '../../store/app-store';
import { report } from '../../store/report';
import { Keypad } from './keypad';

/** Dial a number: type it (digits, * and #) or press the keys, then Enter or Call. */
export function Dialpad() {
  const { t } = useTranslation();
  const open = useAppStore((s) => s.dialpadOpen);
  const ready = useAppStore((s) => s.phoneAvailable && s.registration === 'registered');
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  if (!open) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target.trim()) return;
    setBusy(true);
    if (report(await phoneActions.dial(target.trim()))) setTarget('');
    setBusy(false);
  };
  return (
    <form id="dialpad" className="dialpad" onSubmit={(e) => void submit(e)} aria-label={t('phone.dialpad')} data-testid="dialpad">
      <label>
        {t('phone.number')}
        <input
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          inputMode="tel"
          autoComplete="off"
          autoFocus
          maxLength={64}
          data-testid="dial-input"
        />
      </label>
      <Keypad onKey={(key) => setTarget((v) => v + key)} label={t('phone.dialpad')} testId="dial-keys" />
      <div className="actions">
        <button type="submit" disabled={busy || !ready || !target.trim()} data-testid="dial-call">
          {t('phone.call')}
        </button>
        <button type="button" className="secondary" onClick={() => setTarget((v) => v.slice(0, -1))} disabled={!target}>
          {t('phone.backspace')}
        </button>
      </div>
    </form>
  );
}
