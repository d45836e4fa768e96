import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../shared/domain/order';
import type { Ticket } from '../../../shared/domain/ticket';
import { createTicket } from '../../store/customer-actions';

function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

function NewTicketForm({ conversationId, customerId, onDone }: { conversationId: string; customerId: string; onDone(): void }) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await createTicket(customerId, conversationId, subject, body)) onDone();
  };
  return (
    <form className="dialog-form" onSubmit={(e) => void submit(e)} data-testid="ticket-form">
      <label>
        {t('ticket.subject')}
        <input value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={200} data-testid="ticket-subject" />
      </label>
      <label>
        {t('ticket.body')}
        <textarea value={body} onChange={(e) => setBody(e.target.value)} maxLength={4000} />
      </label>
      <div className="actions">
        <button type="submit" disabled={!subject.trim()} data-testid="ticket-submit">
          {t('ticket.create')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function OrdersAndTickets({ orders, tickets, customerId, conversationId }: { orders: Order[]; tickets: Ticket[]; customerId: string; conversationId: string | null }) {
  const { t, i18n } = useTranslation();
  const [creating, setCreating] = useState(false);
  const date = (at: number) => new Date(at).toLocaleDateString(i18n.language, { dateStyle: 'medium' });
  return (
    <>
      <section aria-labelledby="orders-title">
        <h3 id="orders-title">{t('customer.orders')}</h3>
        {orders.length === 0 ? (
          <p className="muted">{t('customer.no_orders')}</p>
        ) : (
          <ul className="plain" data-testid="orders">
            {orders.map((o) => (
              <li key={o.id} data-testid="order">
                <span className="order-head">
                  {t('customer.order_line', {
                    number: o.id,
                    status: o.status,
                    // Amounts come in minor units (fen, cents); the currency's own digits put the point back.
                    total: new Intl.NumberFormat(i18n.language, { style: 'currency', currency: o.currency }).format(o.totalMinor / 10 ** minorDigits(o.currency)),
                    date: date(o.createdAt),
                  })}
                </span>
                {o.summary && <span className="muted">{o.summary}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="tickets-title">
        <h3 id="tickets-title">{t('customer.tickets')}</h3>
        {tickets.length === 0 && <p className="muted">{t('customer.no_tickets')}</p>}
        <ul className="plain" data-testid="tickets">
          {tickets.map((k) => (
            <li key={k.id} data-testid="ticket">
              {t('customer.ticket_line', { subject: k.title, status: t(`ticket.status_${k.status}`), date: date(k.createdAt) })}
            </li>
          ))}
        </ul>
        {conversationId &&
          (creating ? (
            <NewTicketForm conversationId={conversationId} customerId={customerId} onDone={() => setCreating(false)} />
          ) : (
            <button type="button" className="secondary" onClick={() => setCreating(true)} data-testid="ticket-new">
              {t('ticket.new')}
            </button>
          ))}
      </section>
    </>
  );
}
