import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhoneState } from '../../../shared/contracts/phone-contract';
import type { PhoneService } from '../service/phone-service';

/** All the phone page shows: whether the phone is ready and how many calls it carries. */
export function PhoneStatusView({ service }: { service: PhoneService }) {
  const { t } = useTranslation();
  const [state, setState] = useState<PhoneState>(() => service.snapshot());
  useEffect(() => service.onState(setState), [service]);
  const live = state.calls.filter((c) => c.state !== 'ended').length;
  return (
    <main className="phone-page" data-testid="phone-page">
      <h1>{t('phone_page.title')}</h1>
      <p role="status" data-testid="phone-page-status" data-registration={state.registration}>
        {state.link === 'ready' ? t(`phone.registration.${state.registration}`) : t(`phone.link.${state.link}`)}
      </p>
      <p>{t('phone_page.calls', { count: live })}</p>
      <p className="hint">{t('phone_page.keep_open')}</p>
    </main>
  );
}
