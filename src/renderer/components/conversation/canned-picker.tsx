import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cannedResponses, fillCanned, searchCanned, type CannedResponse } from '../../lib/canned-responses';
import { useAppStore } from '../../store/app-store';

interface CannedPickerProps {
  /** The picker shows each text as it will be inserted, names filled in, not `{{customerName}}`. */
  customerName: string;
  agentName: string;
  onPick(response: CannedResponse): void;
  onCancel(): void;
}

/** A searchable list of canned responses: type to filter, arrows to move, Enter to insert, Escape to leave. */
export function CannedPicker({ customerName, agentName, onPick, onCancel }: CannedPickerProps) {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const all = useMemo(() => cannedResponses(language), [language]);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const matches = searchCanned(all, query);
  const current = Math.min(index, Math.max(0, matches.length - 1));

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setIndex((i) => Math.max(0, Math.min(matches.length - 1, i + (event.key === 'ArrowDown' ? 1 : -1))));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const pick = matches[current];
      if (pick) onPick(pick);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <div className="canned" data-testid="canned-picker">
      <input
        type="search"
        role="combobox"
        aria-expanded="true"
        aria-controls="canned-list"
        aria-activedescendant={matches[current] ? `canned-${matches[current].id}` : undefined}
        aria-label={t('canned.search')}
        placeholder={t('canned.search')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={onKey}
        autoFocus
        data-testid="canned-search"
      />
      <ul id="canned-list" role="listbox" aria-label={t('canned.title')}>
        {matches.length === 0 && <li className="muted">{t('canned.none')}</li>}
        {matches.map((r, i) => (
          <li
            key={r.id}
            id={`canned-${r.id}`}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(r)}
            data-testid="canned-option"
          >
            <strong>{r.title}</strong>
            <span className="muted">{fillCanned(r.text, { customerName, agentName })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
