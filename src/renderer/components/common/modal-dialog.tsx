import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/app-store';
import type { FocusTarget } from '../../store/ui-slice';
import { OfferStrip } from '../offer-toasts';

interface ModalDialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  testId?: string;
  className?: string;
  /** Where focus goes when the control that opened the dialog is gone (a transfer removes the Transfer button). */
  fallbackFocus?: FocusTarget;
  /** Asked as the dialog closes: a place for the next action (wrap-up after closing a conversation), or null for the opener. */
  focusAfter?: () => FocusTarget | null;
}

const FIRST_FIELD = '[autofocus], input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled)';

/** Still in the page and still visible. */
function usable(el: Element | null): el is HTMLElement {
  return el instanceof HTMLElement && el.isConnected && el.getClientRects().length > 0 && el !== document.body;
}

/**
 * The control to give focus back to: the opener, or, when the opener sat in a disclosure panel that
 * has closed since (a "More" menu), the button that controls that panel.
 */
function returnTarget(opener: Element | null): HTMLElement | null {
  if (usable(opener)) return opener;
  for (let el = opener?.parentElement ?? null; el; el = el.parentElement) {
    if (!el.id) continue;
    const toggle = document.querySelector(`[aria-controls="${CSS.escape(el.id)}"]`);
    if (usable(toggle)) return toggle;
  }
  return null;
}

/**
 * A native modal <dialog>: the browser traps focus and closes on Escape. Focus starts on the first
 * field (not the × button) and goes back to the control that opened the dialog when it closes: the
 * browser would do that itself, but React unmounts the <dialog> before `close()` can run.
 * Offers stay answerable while a dialog is open: the dialog shows them at its top.
 */
export function ModalDialog({ title, onClose, children, testId, className, fallbackFocus = 'inbox', focusAfter }: ModalDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useRef(`dialog-${Math.random().toString(36).slice(2)}`).current;

  useLayoutEffect(() => {
    opener.current = document.activeElement;
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    const first = bodyRef.current?.querySelector<HTMLElement>(FIRST_FIELD) ?? bodyRef.current;
    first?.focus();
    return () => {
      dialog?.close();
      const back = opener.current;
      const next = focusAfter?.() ?? null;
      // After the unmount has been committed: the opener may be hidden by the same update.
      queueMicrotask(() => {
        // React's development double mount reopens the same dialog: then it keeps the focus.
        if (dialog?.open) return;
        const target = returnTarget(back);
        if (next) useAppStore.getState().requestFocus(next, 'inbox');
        else if (target) target.focus();
        else useAppStore.getState().requestFocus(fallbackFocus, 'inbox');
      });
    };
    // The dialog opens once per mount; a changed fallback does not reopen it.
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid={testId}
    >
      <header className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="secondary icon" onClick={onClose} aria-label={t('common.close_dialog', { title })}>
          ×
        </button>
      </header>
      <OfferStrip />
      <div ref={bodyRef} className="modal-body" tabIndex={-1}>
        {children}
      </div>
    </dialog>
  );
}
