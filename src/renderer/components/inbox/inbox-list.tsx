import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { idAt, indexOf } from '../../lib/inbox-window';
import { isShortcutEvent } from '../../lib/typing-target';
import { openConversation } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { showInboxRange } from '../../store/inbox-actions';
import { useFocusRequest } from '../../lib/use-focus-request';
import { OfferToasts } from '../offer-toasts';
import { InboxFilters } from './inbox-filters';
import { InboxRow, InboxRowLoading } from './inbox-row';

/** Fixed row height: measuring ten thousand rows would cost more than the layout it saves. */
const ROW_HEIGHT = 76;

/**
 * The inbox: a virtual list over every conversation the filter shows (`inbox.total`), of which the
 * store holds only a window read from the host's SQL around what is visible. Scrolling, j/k, PageDown
 * and End ask for the rows they reach; changes arrive as deltas (inbox-actions.ts).
 */
export function InboxList() {
  const { t } = useTranslation();
  const inbox = useAppStore((s) => s.inbox);
  const activeId = useAppStore((s) => s.activeId);
  const setActive = useAppStore((s) => s.setActive);
  const listRef = useRef<HTMLDivElement>(null);
  const total = inbox.total;
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => listRef.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  const items = virtualizer.getVirtualItems();
  const from = items[0]?.index ?? 0;
  const to = items.at(-1)?.index ?? 0;
  const activeIndex = indexOf(inbox, activeId);
  // Where the keyboard cursor was last seen, and a place it was sent to that the window does not hold yet.
  const lastActive = useRef(-1);
  const pending = useRef<number | null>(null);
  if (activeIndex >= 0) lastActive.current = activeIndex;
  useFocusRequest('inbox', listRef);

  useEffect(() => {
    void showInboxRange(from, to);
  }, [from, to, inbox]);

  useEffect(() => {
    if (pending.current === null) return;
    const id = idAt(inbox, pending.current);
    if (id) {
      pending.current = null;
      setActive(id);
    }
  }, [inbox, setActive]);

  const move = (delta: number) => {
    if (total === 0) return;
    const base = activeIndex >= 0 ? activeIndex : lastActive.current >= 0 ? Math.min(lastActive.current, total - 1) : delta > 0 ? -1 : total;
    const next = Math.min(total - 1, Math.max(0, base + delta));
    const id = idAt(inbox, next);
    if (id) {
      pending.current = null;
      setActive(id);
    } else pending.current = next;
    lastActive.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  // j/k work from anywhere but a text field, as in mail clients; they also bring focus to the list.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!isShortcutEvent(event) || (event.key !== 'j' && event.key !== 'k')) return;
      event.preventDefault();
      listRef.current?.focus();
      move(event.key === 'j' ? 1 : -1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -total, End: total };
    const step = steps[event.key];
    if (step !== undefined) {
      event.preventDefault();
      move(step);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const id = activeId ?? idAt(inbox, 0);
      if (id) void openConversation(id);
    }
  };

  return (
    <nav className="inbox" aria-label={t('shell.inbox')}>
      <h2>{t('shell.inbox')}</h2>
      <OfferToasts />
      <InboxFilters />
      <p className="muted inbox-count" aria-live="polite" data-testid="inbox-count">
        {t('inbox.count', { count: total })}
      </p>
      {total === 0 && <p className="muted">{t('inbox.empty')}</p>}
      <div
        ref={listRef}
        className="inbox-scroll"
        role="listbox"
        tabIndex={0}
        aria-label={t('inbox.list')}
        aria-activedescendant={activeIndex >= 0 ? `inbox-row-${activeId}` : undefined}
        onKeyDown={onListKey}
        onFocus={() => {
          const first = idAt(inbox, 0);
          if (activeIndex < 0 && lastActive.current < 0 && first) setActive(first);
        }}
        data-testid="inbox"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const id = idAt(inbox, item.index);
            return id ? (
              <InboxRow key={id} id={id} index={item.index} count={total} active={item.index === activeIndex} top={item.start} height={item.size} />
            ) : (
              <InboxRowLoading key={`loading-${item.index}`} index={item.index} count={total} top={item.start} height={item.size} />
            );
          })}
        </div>
      </div>
    </nav>
  );
}
