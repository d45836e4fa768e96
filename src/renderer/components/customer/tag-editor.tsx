import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VIP_TAG } from '../../../shared/domain/customer';
import { tagCustomer } from '../../store/customer-actions';

/** Tags such as VIP: removable chips, an input, and a one-click VIP toggle; each change is saved at once. */
export function TagEditor({ customerId, tags }: { customerId: string; tags: string[] }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const tag = draft.trim();
    if (!tag || tags.includes(tag)) return setDraft('');
    if (await tagCustomer(customerId, { add: [tag] })) setDraft('');
  };
  const vip = tags.includes(VIP_TAG);
  return (
    <div className="tags" data-testid="customer-tags">
      <ul className="tag-list" aria-label={t('customer.tags')}>
        {tags.map((tag) => (
          <li key={tag} className={`tag${tag === VIP_TAG ? ' tag-vip' : ''}`}>
            {tag}
            <button type="button" className="tag-remove" aria-label={t('customer.remove_tag', { tag })} onClick={() => void tagCustomer(customerId, { remove: [tag] })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => void add(e)}>
        <input aria-label={t('customer.add_tag')} placeholder={t('customer.add_tag')} value={draft} maxLength={40} onChange={(e) => setDraft(e.target.value)} data-testid="tag-input" />
        <button type="submit" className="secondary" disabled={!draft.trim()}>
          {t('customer.add')}
        </button>
        <button type="button" className="secondary" aria-pressed={vip} onClick={() => void tagCustomer(customerId, vip ? { remove: [VIP_TAG] } : { add: [VIP_TAG] })} data-testid="vip-toggle">
          {t('customer.vip')}
        </button>
      </form>
    </div>
  );
}
