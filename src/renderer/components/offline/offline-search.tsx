import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { customerLabel } from '../../lib/customer-label';
import { highlight, rankSearchHits, type SearchHit } from '../../lib/search-ranking';
import { rpc } from '../../rpc/connect';
import { openConversation } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import './offline-search.css';

/** Long enough to skip the keystrokes of a word being typed, short enough to feel immediate. */
const TYPING_PAUSE_MS = 150;

function Highlighted({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlight(text, query).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}

/**
 * Search of the local cache as the agent types (it works the same with the hub unreachable): each
 * hit names the customer and channel, with the matching words marked. A combobox: arrows move
 * through the hits, Enter opens one, Escape closes the list.
 */
export function OfflineSearch() {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [active, setActive] = useState(-1);
  const asked = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const text = query.trim();
    const ask = ++asked.current;
    if (!text) {
      setHits(null);
      return;
    }
    const timer = setTimeout(() => {
      void rpc.workspace.search({ query: text, limit: 50 }).then((result) => {
        // A slower answer to an older query must not replace a newer one.
        if (ask !== asked.current) return;
        if (!result.ok) return useAppStore.getState().setError(result.error);
        // A hit may lie in a conversation the inbox has not loaded: bring it (and its customer) into the store.
        const store = useAppStore.getState();
        result.value.conversations.forEach((c) => store.upsertConversation(c));
        result.value.customers.forEach((c) => store.upsertCustomer(c));
        setHits(rankSearchHits(text, result.value, Date.now()));
        setActive(-1);
      });
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const open = (hit: SearchHit) => {
    setHits(null);
    setQuery('');
    useAppStore.getState().requestFocus('composer', 'inbox');
    void openConversation(hit.conversationId);
  };

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = hits?.length ?? 0;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (count === 0) return;
      event.preventDefault();
      setActive((i) => (event.key === 'ArrowDown' ? (i + 1) % count : i <= 0 ? count - 1 : i - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = hits?.[Math.max(0, active)];
      if (hit) open(hit);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (hits) setHits(null);
      else {
        setQuery('');
        inputRef.current?.blur();
      }
    }
  };

  const listId = 'search-results';
  return (
    <div className="offline-search">
      <div role="search">
        <input
          ref={inputRef}
          type="search"
          role="combobox"
          aria-expanded={hits !== null}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={hits && active >= 0 && hits[active] ? `search-hit-${active}` : undefined}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKey}
          aria-label={t('offline.search_label')}
          placeholder={t('offline.search_placeholder')}
          title={t('offline.search_title')}
          data-testid="search-input"
          maxLength={200}
        />
      </div>
      {hits && (
        <ul id={listId} role="listbox" className="search-results" aria-label={t('offline.search_results')} data-testid="search-results">
          {hits.length === 0 && (
            <li role="option" aria-selected="false" aria-disabled="true" className="muted">
              {t('offline.no_results')}
            </li>
          )}
          {hits.map((hit, i) => (
            <li
              key={hit.conversationId}
              id={`search-hit-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'hit active' : 'hit'}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => open(hit)}
              data-testid="search-result"
              data-conversation-id={hit.conversationId}
            >
              <span className="hit-head">
                <span className={`channel channel-${hit.channel}`}>{t(`channel.${hit.channel}`)}</span>
                <span className="hit-name" data-testid="search-result-customer">
                  {hit.customerName?.trim() ? (
                    <Highlighted text={hit.customerName} query={query} />
                  ) : hit.customerId ? (
                    customerLabel(null, hit.customerId, (tag) => t('customer.visitor', { tag }))
                  ) : (
                    t('inbox.unknown_customer')
                  )}
                </span>
                <time dateTime={new Date(hit.at).toISOString()}>{new Date(hit.at).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' })}</time>
              </span>
              <span className="hit-snippet">
                <Highlighted text={hit.snippet} query={query} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
