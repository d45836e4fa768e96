import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';

export function CustomerPanel() {
  const { t } = useTranslation();
  const customer = useAppStore((s) => {
    const conversation = s.selectedId ? s.conversations[s.selectedId] : undefined;
    return conversation ? s.customers[conversation.customerId] : undefined;
  });
  return (
    <aside className="customer" aria-label={t('shell.customer')} data-testid="customer-panel">
      <h2>{t('shell.customer')}</h2>
      {!customer ? (
        <p className="muted">{t('customer.none')}</p>
      ) : (
        <>
          <p className="customer-name">{customer.name}</p>
          {customer.tags.length > 0 && (
            <p aria-label={t('customer.tags')}>
              {customer.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </p>
          )}
          <h3>{t('customer.identities')}</h3>
          <dl>
            {customer.identities.map((i) => (
              <div key={`${i.kind}:${i.value}`}>
                <dt>{t(`identity.${i.kind}`)}</dt>
                <dd>{i.value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </aside>
  );
}
