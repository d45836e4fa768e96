import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceMessage } from '../../../shared/contracts/workspace-contract';
import { rpc } from '../../rpc/connect';
import { openConversation } from '../../store/actions';
import { useAppStore } from '../../store/app-store';

/** Full-text search of the local cache: works the same with the hub unreachable. */
export function OfflineSearch() {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<WorkspaceMessage[] | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = query.trim();
    if (!text) return setHits(null);
    const result = await rpc.workspace.search({ query: text, limit: 50 });
    if (!result.ok) return useAppStore.getState().setError(result.error);
    // A hit may lie in a conversation the inbox has not loaded: bring it (and its customer) into the store.
    const store = useAppStore.getState();
    result.value.conversations.forEach((c) => store.upsertConversation(c));
    result.value.customers.forEach((c) => store.upsertCustomer(c));
    setHits(result.value.messages);
  };

  return (
    <div className="offline-search">
      <form role="search" onSubmit={(e) => void submit(e)}>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label={t('offline.search_label')}
          placeholder={t('offline.search_placeholder')}
          title={t('offline.search_label')}
          data-testid="search-input"
          maxLength={200}
        />
      </form>
      {hits && (
        <ul className="search-results" aria-label={t('offline.search_results')} data-testid="search-results">
          {hits.length === 0 && <li className="muted">{t('offline.no_results')}</li>}
          {hits.map((m) => (
            <li key={m.id}>
              <button
                className="row"
                data-testid="search-result"
                onClick={() => {
                  setHits(null);
                  void openConversation(m.conversationId);
                }}
              >
                <span className="preview">{m.text}</span>
                <time dateTime={new Date(m.createdAt).toISOString()}>{new Date(m.createdAt).toLocaleString(i18n.language)}</time>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
