import { useTranslation } from 'react-i18next';
import type { Consent } from '../../../shared/domain/consent';

/** What the customer agreed to on the widget's forms, with when and on which site: shown, never editable here. */
export function ConsentSection({ consents }: { consents: Consent[] }) {
  const { t, i18n } = useTranslation();
  if (consents.length === 0) return null;
  return (
    <section aria-labelledby="consents-title">
      <h3 id="consents-title">{t('customer.consents')}</h3>
      <ul className="consents" data-testid="consents">
        {consents.map((c) => (
          <li key={`${c.siteId}:${c.givenAt}:${c.text}`} data-testid="consent">
            <span className="muted">
              {t('customer.consent_given', {
                date: new Date(c.givenAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }),
                site: c.siteId,
              })}
            </span>{' '}
            <q lang={c.language}>{c.text}</q>
          </li>
        ))}
      </ul>
    </section>
  );
}
