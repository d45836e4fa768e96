import { useTranslation } from 'react-i18next';
import type { MergeSuggestionView, MergeView } from '../../../shared/contracts/customer-360';
import { acceptMerge, dismissMerge, undoMerge } from '../../store/customer-actions';

interface MergeSectionProps {
  customerId: string;
  suggestions: MergeSuggestionView[];
  merges: MergeView[];
}

/** Suggested duplicates to merge or dismiss, and earlier merges, each undoable. */
export function MergeSection({ customerId, suggestions, merges }: MergeSectionProps) {
  const { t, i18n } = useTranslation();
  if (suggestions.length === 0 && merges.length === 0) return null;
  const when = (at: number) => new Date(at).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <section aria-labelledby="merge-title" data-testid="merges">
      <h3 id="merge-title">{t('customer.merges')}</h3>
      <ul className="plain">
        {suggestions.map((s) => (
          <li key={s.id} className="merge-suggestion" data-testid="merge-suggestion">
            <span>
              {t('customer.merge_suggestion', {
                name: s.candidateName ?? s.candidateId,
                reason: t('customer.merge_reason', { kind: t(`identity.${s.reason.kind}`), value: s.reason.value }),
              })}
            </span>
            <span className="actions">
              <button type="button" className="secondary" onClick={() => void acceptMerge(customerId, s.id)} data-testid="merge-accept">
                {t('customer.merge_accept')}
              </button>
              <button type="button" className="secondary" onClick={() => void dismissMerge(customerId, s.id)}>
                {t('customer.merge_dismiss')}
              </button>
            </span>
          </li>
        ))}
        {merges.map((m) => (
          <li key={m.id} className="merge-record" data-testid="merge-record">
            <span>
              {t(m.undoneAt !== null ? 'customer.merge_undone' : m.by === 'auto' ? 'customer.merged_auto' : 'customer.merged', {
                name: m.sourceName ?? m.sourceId,
                when: when(m.undoneAt ?? m.at),
              })}
            </span>
            {m.undoneAt === null && (
              <button type="button" className="secondary" onClick={() => void undoMerge(customerId, m.id)} data-testid="merge-undo">
                {t('customer.merge_undo')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
