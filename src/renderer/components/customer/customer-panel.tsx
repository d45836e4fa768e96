import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/app-store';
import { loadCustomer360 } from '../../store/customer-actions';
import { ConsentSection } from './consent-section';
import { ContactTimeline } from './contact-timeline';
import { HistorySummary } from './history-summary';
import { MergeSection } from './merge-section';
import { OrdersAndTickets } from './orders-tickets';
import { TagEditor } from './tag-editor';
import { CallButton } from '../phone/call-button';
import { customerLabel } from '../../lib/customer-label';

export function CustomerPanel() {
  const { t } = useTranslation();
  const conversationId = useAppStore((s) => s.selectedId);
  const customerId = useAppStore((s) => (s.selectedId ? (s.conversations[s.selectedId]?.customerId ?? null) : null));
  const customer = useAppStore((s) => (customerId ? s.customers[customerId] : undefined));
  const profile = useAppStore((s) => (customerId ? s.profiles[customerId] : undefined));
  // An order linked to the conversation later (a reply to an order notice) shows in the 360 without reselecting.
  const linkedOrders = useAppStore((s) => (s.selectedId ? (s.conversations[s.selectedId]?.orderIds?.length ?? 0) : 0));

  useEffect(() => {
    if (customerId) void loadCustomer360(customerId);
  }, [customerId, linkedOrders]);

  const view = profile?.status === 'ready' ? profile.value : null;
  // The 360 view knows merged identities; until it arrives the synced customer record stands in.
  const shown = view?.customer ?? customer;
  return (
    <aside className="customer" aria-label={t('shell.customer')} data-testid="customer-panel">
      <h2>{t('shell.customer')}</h2>
      {!shown || !customerId ? (
        <p className="muted">{t('customer.none')}</p>
      ) : (
        <>
          {view && <HistorySummary contacts={view.contacts} />}
          <p className="customer-name">{customerLabel(shown.name, customerId, (tag) => t('customer.visitor', { tag }))}</p>
          <TagEditor customerId={customerId} tags={shown.tags} />
          <h3>{t('customer.identities')}</h3>
          <dl data-testid="identities">
            {shown.identities.map((i) => (
              <div key={`${i.kind}:${i.value}`}>
                <dt>{t(`identity.${i.kind}`)}</dt>
                <dd>
                  {i.value}
                  {i.kind === 'phone' && <CallButton number={i.value} />}
                </dd>
              </div>
            ))}
          </dl>
          {profile?.status === 'loading' && <p className="muted">{t('common.loading')}</p>}
          {profile?.status === 'failed' && (
            <p className="muted" role="status" data-testid="profile-error">
              {t('customer.profile_unavailable', { reason: t(`error.${profile.error.code}`, { message: profile.error.message }) })}
            </p>
          )}
          {view && (
            <>
              <OrdersAndTickets orders={view.orders} tickets={view.tickets} customerId={customerId} conversationId={conversationId} />
              <ContactTimeline contacts={view.contacts} />
              <ConsentSection consents={view.consents ?? []} />
              <MergeSection customerId={customerId} suggestions={view.mergeSuggestions} merges={view.merges} />
            </>
          )}
        </>
      )}
    </aside>
  );
}
