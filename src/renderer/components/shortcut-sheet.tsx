import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isShortcutEvent } from '../lib/typing-target';
import { useAppStore } from '../store/app-store';
import { ModalDialog } from './common/modal-dialog';

/** Keys and what they do; the labels live in the locale files under `shortcuts.*`. */
export const shortcuts = [
  { keys: ['j'], action: 'next' },
  { keys: ['k'], action: 'previous' },
  { keys: ['Enter'], action: 'open' },
  { keys: ['r'], action: 'reply' },
  { keys: ['n'], action: 'note' },
  { keys: ['a'], action: 'accept' },
  { keys: ['d'], action: 'decline' },
  { keys: ['t'], action: 'transfer' },
  { keys: ['c'], action: 'close' },
  { keys: ['/'], action: 'canned' },
  { keys: ['Alt+K'], action: 'kb' },
  { keys: ['Alt+1', 'Alt+2', 'Alt+3'], action: 'assist' },
  { keys: ['?'], action: 'help' },
  { keys: ['Esc'], action: 'dismiss' },
] as const;

/** Listens for `?` (and `r`/`n` for the composer) anywhere outside a text field. */
export function useGlobalShortcuts(): void {
  const setOverlay = useAppStore((s) => s.setOverlay);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isShortcutEvent(event)) return;
      if (event.key === '?') {
        event.preventDefault();
        setOverlay('shortcuts');
      } else if (event.key === 'r' || event.key === 'n') {
        const composer = document.getElementById('composer');
        if (!composer) return;
        event.preventDefault();
        composer.dispatchEvent(new CustomEvent('switchboard:mode', { detail: event.key === 'n' ? 'note' : 'reply' }));
        composer.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [setOverlay]);
}

export function ShortcutSheet() {
  const { t } = useTranslation();
  const open = useAppStore((s) => s.overlay === 'shortcuts');
  const setOverlay = useAppStore((s) => s.setOverlay);
  if (!open) return null;
  return (
    <ModalDialog title={t('shortcuts.title')} onClose={() => setOverlay('none')} testId="shortcut-sheet">
      <dl className="shortcut-list">
        {shortcuts.map((s) => (
          <div key={s.action}>
            <dt>
              {s.keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dt>
            <dd>{t(`shortcuts.${s.action}`)}</dd>
          </div>
        ))}
      </dl>
    </ModalDialog>
  );
}
