import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SuggestionView } from '../../../shared/contracts/knowledge-contract';
import type { WorkspaceMessage } from '../../../shared/contracts/workspace-contract';
import { cannedResponses, fillCanned } from '../../lib/canned-responses';
import { insertIntoComposer } from '../../lib/composer-insert';
import { rpc } from '../../rpc/connect';
import { useAppStore } from '../../store/app-store';
import './assist-panel.css';

const EMPTY: WorkspaceMessage[] = [];
/** Alt+1 … Alt+3 insert the suggestions; `code` rather than `key`, as Option+digit types a symbol on a Mac. */
const KEYS = ['Digit1', 'Digit2', 'Digit3'];

/**
 * Suggested replies for the customer's latest message: knowledge-base passages and canned
 * responses, ranked on the device (works offline, no LLM). Alt+1..3 or a click puts one in the
 * reply box, where it can be edited before it is sent.
 */
export function AssistPanel({ conversationId, customerName }: { conversationId: string; customerName: string }) {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const agentName = useAppStore((s) => s.agent?.displayName ?? '');
  const messages = useAppStore((s) => s.messages[conversationId] ?? EMPTY);
  const latest = useMemo(() => messages.findLast((m) => m.direction === 'in' && m.authorKind === 'customer' && !m.internal && m.text.trim()), [messages]);
  const [suggestions, setSuggestions] = useState<SuggestionView[]>([]);
  const [synced, setSynced] = useState(0);
  const [canDraft, setCanDraft] = useState(false);
  const [draft, setDraft] = useState<{ state: 'idle' | 'busy' | 'failed' } | { state: 'done'; text: string; sources: string }>({ state: 'idle' });

  useEffect(() => {
    void rpc.knowledge.capabilities({}).then((r) => setCanDraft(r.ok && r.value.llmDraft));
  }, []);
  // A draft answers one message: a newer one makes it stale.
  useEffect(() => setDraft({ state: 'idle' }), [latest?.id]);

  const askDraft = async () => {
    if (!latest) return;
    setDraft({ state: 'busy' });
    const r = await rpc.knowledge.draft({ message: latest.text });
    setDraft(r.ok ? { state: 'done', text: r.value.text, sources: r.value.citations.map((c) => `[${c.n}] ${c.title}`).join(' · ') } : { state: 'failed' });
  };

  useEffect(() => rpc.knowledge.on('synced', () => setSynced((n) => n + 1)), []);

  useEffect(() => {
    let live = true;
    if (!latest) {
      setSuggestions([]);
      return;
    }
    const canned = cannedResponses(language).map((c) => ({ id: c.id, title: c.title, text: fillCanned(c.text, { customerName, agentName }) }));
    void rpc.knowledge.suggest({ message: latest.text, canned }).then((r) => {
      if (live) setSuggestions(r.ok ? r.value.suggestions : []);
    });
    return () => {
      live = false;
    };
  }, [latest?.id, latest?.text, language, customerName, agentName, synced]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const i = KEYS.indexOf(event.code);
      const pick = suggestions[i];
      if (i < 0 || !pick) return;
      event.preventDefault();
      insertIntoComposer(pick.text);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [suggestions]);

  return (
    <aside className="assist-panel" aria-labelledby="assist-title" data-testid="assist-panel">
      <h3 id="assist-title">{t('assist.title')}</h3>
      {suggestions.length === 0 ? (
        <p className="muted">{latest ? t('assist.none') : t('assist.waiting')}</p>
      ) : (
        <ol>
          {suggestions.map((s, i) => (
            <li key={s.id} data-testid="assist-suggestion" data-kind={s.kind}>
              <button type="button" className="assist-item" aria-keyshortcuts={`Alt+${i + 1}`} onClick={() => insertIntoComposer(s.text)}>
                <kbd aria-hidden="true">{t('assist.key', { n: i + 1 })}</kbd>
                <span className={`assist-kind assist-kind-${s.kind}`}>{t(`assist.kind_${s.kind}`)}</span>
                <strong>{s.title}</strong>
                <span className="assist-text">{s.text}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {canDraft && latest && (
        <div className="assist-draft">
          <button type="button" className="secondary" onClick={() => void askDraft()} disabled={draft.state === 'busy'} data-testid="assist-draft">
            {draft.state === 'busy' ? t('assist.drafting') : t('assist.draft')}
          </button>
          {draft.state === 'failed' && (
            <p role="alert" className="field-error">
              {t('assist.draft_failed')}
            </p>
          )}
          {draft.state === 'done' && (
            <div data-testid="assist-draft-result">
              <p className="assist-text-full">{draft.text}</p>
              {draft.sources && <p className="muted">{t('assist.draft_sources', { sources: draft.sources })}</p>}
              <button type="button" onClick={() => insertIntoComposer(draft.text)} data-testid="assist-draft-insert">
                {t('assist.draft_insert')}
              </button>
            </div>
          )}
        </div>
      )}
    </aside>
  );
}
