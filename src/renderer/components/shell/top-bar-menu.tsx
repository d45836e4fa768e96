import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface TopBarMenuItem {
  id: string;
  label: string;
  testId?: string;
  run(): void;
}

/**
 * The narrow top bar's "More" disclosure: a button and a panel of plain buttons (Tab moves
 * through them; Esc or a click elsewhere closes it and gives focus back to the button).
 */
export function TopBarMenu({ items, children }: { items: TopBarMenuItem[]; children?: ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setOpen(false);
      toggle.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="topbar-menu" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="secondary"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        data-testid="topbar-more"
      >
        {t('shell.more')}
      </button>
      <div id={panelId} className="topbar-menu-panel" hidden={!open}>
        {children}
        {items.map((item) => (
          <button
            key={item.id}
            type="button"
            className="secondary"
            data-testid={item.testId}
            onClick={() => {
              setOpen(false);
              item.run();
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
    </div>
  );
}
