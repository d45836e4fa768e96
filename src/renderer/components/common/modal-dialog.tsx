import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ModalDialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  testId?: string;
  className?: string;
}

/**
 * A native modal <dialog>: the browser traps focus, closes on Escape and restores focus to the
 * control that opened it, which hand-rolled overlays tend to get wrong.
 */
export function ModalDialog({ title, onClose, children, testId, className }: ModalDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useRef(`dialog-${Math.random().toString(36).slice(2)}`).current;
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
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
        <button type="button" className="secondary icon" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}
