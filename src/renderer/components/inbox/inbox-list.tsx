import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { queryInbox } from '../../lib/inbox-query';
import { isShortcutEvent } from '../../lib/typing-target';
import { openConversation } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { useFocusRequest } from '../../lib/use-focus-request';
import { OfferToasts } from '../offer-toasts';
import { InboxFilters } from './inbox-filters';
import { InboxRow } from './inbox-row';

/** Fixed row height: measuring ten thousand rows would cost more than the layout it saves. */
const ROW_HEIGHT = 76;

export function InboxList() {
  const { t } = useTranslation();
  const conversations = useAppStore((s) => s.conversations);
  const filter = useAppStore((s) => s.filter);
  const agent = useAppStore((s) => s.agent);
  const agentId = agent?.id ?? null;
  const activeId = useAppStore((s) => s.activeId);
  const setActive = useAppStore((s) => s.setActive);
  const ids = useMemo(() => queryInbox(conversations, filter, agentId, agent ?? undefined), [conversations, filter, agentId, agent]);
  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: ids.length, getScrollElement: () => listRef.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  const activeIndex = activeId ? ids.indexOf(activeId) : -1;
  useFocusRequest('inbox', listRef);

  const move = (delta: number) => {
    if (ids.length === 0) return;
    const next = Math.min(ids.length - 1, Math.max(0, (activeIndex < 0 ? (delta > 0 ? -1 : ids.length) : activeIndex) + delta));
    setActive(ids[next]!);
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
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -ids.length, End: ids.length };
    const step = steps[event.key];
    if (step !== undefined) {
      event.preventDefault();
      move(step);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const id = activeId ?? ids[0];
      if (id) void openConversation(id);
    }
  };

  return (
    <nav className="inbox" aria-label={t('shell.inbox')}>
      <h2>{t('shell.inbox')}</h2>
      <OfferToasts />
      <InboxFilters />
      <p className="muted inbox-count" aria-live="polite">
        {t('inbox.count', { count: ids.length })}
      </p>
      {ids.length === 0 && <p className="muted">{t('inbox.empty')}</p>}
      <div
        ref={listRef}
        className="inbox-scroll"
        role="listbox"
        tabIndex={0}
        aria-label={t('inbox.list')}
        aria-activedescendant={activeIndex >= 0 ? `inbox-row-${activeId}` : undefined}
        onKeyDown={onListKey}
        onFocus={() => {
          if (activeIndex < 0 && ids[0]) setActive(ids[0]);
        }}
        data-testid="inbox"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <InboxRow
              key={ids[item.index]}
              id={ids[item.index]!}
              index={item.index}
              count={ids.length}
              active={item.index === activeIndex}
              top={item.start}
              height={item.size}
            />
          ))}
        </div>
      </div>
    </nav>
  );
}
