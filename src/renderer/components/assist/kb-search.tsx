import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { kbLocales, type KbLocale } from '../../../shared/domain/kb-article';
import type { PassageHitView } from '../../../shared/contracts/knowledge-contract';
import { rpc } from '../../rpc/connect';
import { useAppStore } from '../../store/app-store';
import './assist-panel.css';

interface KbSearchProps {
  onPick(text: string): void;
  onCancel(): void;
}

interface Found {
  hits: PassageHitView[];
  articles: number;
  syncedAt: number | null;
}

/**
 * The knowledge base from the composer: type (Chinese or English), arrows to move, Enter inserts
 * the best passage of the article, Escape leaves. It searches the desktop's copy of the articles,
 * so it works offline; the line under the field says how fresh that copy is.
 */
export function KbSearch({ onPick, onCancel }: KbSearchProps) {
  const { t, i18n } = useTranslation();
  const online = useAppStore((s) => s.connection?.status === 'online');
  const [query, setQuery] = useState('');
  const [locale, setLocale] = useState<KbLocale | ''>('');
  const [found, setFound] = useState<Found | null>(null);
  const [index, setIndex] = useState(0);
  const [failed, setFailed] = useState(false);
  const [synced, setSynced] = useState(0);

  // A fresher copy of the articles arrived (the host refreshes a stale one behind a search): ask again.
  useEffect(() => rpc.knowledge.on('synced', () => setSynced((n) => n + 1)), []);

  useEffect(() => {
    if (!query.trim()) {
      setFound(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void rpc.knowledge.search({ query, locale: locale || null }).then((r) => {
        if (!live) return;
        setFailed(!r.ok);
        setFound(r.ok ? r.value : null);
        setIndex(0);
      });
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, locale, synced]);

  const hits = found?.hits ?? [];
  const current = Math.min(index, Math.max(0, hits.length - 1));
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setIndex((i) => Math.max(0, Math.min(hits.length - 1, i + (event.key === 'ArrowDown' ? 1 : -1))));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const pick = hits[current];
      if (pick) onPick(pick.passage);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };

  const status = (): string => {
    if (failed) return t('kb.search_failed');
    if (found && found.syncedAt === null) return t('kb.never_synced');
    if (query.trim() && found && found.hits.length === 0) return t('kb.none');
    if (found && !online) return t('kb.offline_copy', { time: new Date(found.syncedAt ?? 0).toLocaleString(i18n.language) });
    return '';
  };

  return (
    <div className="kb-search" data-testid="kb-search" role="group" aria-label={t('kb.search_title')}>
      <div className="kb-search-row">
        <input
          type="search"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={hits.length > 0 ? 'kb-results' : undefined}
          aria-autocomplete="list"
          aria-activedescendant={hits[current] ? `kb-hit-${current}` : undefined}
          aria-label={t('kb.search')}
          placeholder={t('kb.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKey}
          autoFocus
          data-testid="kb-search-input"
        />
        <select aria-label={t('kb.locale')} value={locale} onChange={(e) => setLocale(e.target.value as KbLocale | '')} data-testid="kb-search-locale">
          <option value="">{t('kb.locale_all')}</option>
          {kbLocales.map((l) => (
            <option key={l} value={l}>
              {t(`kb.locale_${l.replace('-', '_')}`)}
            </option>
          ))}
        </select>
      </div>
      <p className="kb-status muted" role="status">
        {status()}
      </p>
      {hits.length > 0 && (
      <ul id="kb-results" role="listbox" aria-label={t('kb.results')}>
        {hits.map((h, i) => (
          <li
            key={h.articleId}
            id={`kb-hit-${i}`}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(h.passage)}
            data-testid="kb-hit"
          >
            <strong>{h.title}</strong>
            <span className="muted">{h.passage}</span>
          </li>
        ))}
      </ul>
      )}
    </div>
  );
}
