import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Offer } from '../../shared/domain/offer';
import { isShortcutEvent } from '../lib/typing-target';
import { useNow } from '../lib/use-now';
import { acceptOffer, rejectOffer } from '../store/actions';
import { useAppStore } from '../store/app-store';
import { offerCustomerName } from '../store/customer-names';
import './offer-toasts.css';

/** A call is offered too, but it rings on the phone and is answered there: the call card is its offer. A callback is accepted here. */
const useOffers = (): Offer[] =>
  useAppStore(
    useShallow((s) =>
      Object.values(s.offers)
        .filter((o) => o.channel !== 'voice' || o.callback)
        .sort((a, b) => a.expiresAt - b.expiresAt),
    ),
  );

/** `a` / `d` answer the oldest offer from anywhere outside a text field or a dialog. */
export function useOfferShortcuts(): void {
  const offers = useOffers();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const oldest = offers[0];
      if (!oldest || !isShortcutEvent(event) || (event.key !== 'a' && event.key !== 'd')) return;
      event.preventDefault();
      void (event.key === 'a' ? acceptOffer(oldest.id) : rejectOffer(oldest.id));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [offers]);
}

function OfferCard({ offer, now, compact }: { offer: Offer; now: number; compact: boolean }) {
  const { t } = useTranslation();
  const seconds = Math.max(0, Math.ceil((offer.expiresAt - now) / 1000));
  const id = `offer-${compact ? 'strip-' : ''}${offer.id}`;
  return (
    <div className={compact ? 'offer-card compact' : 'offer-card'} role="group" aria-labelledby={id} data-testid="offer" data-callback={offer.callback ? 'true' : undefined}>
      <strong id={id}>
        {offer.callback
          ? t('offer.callback', { number: offer.callback.number, name: offerCustomerName(offer) })
          : t('offer.title', { channel: t(`channel.${offer.channel}`), name: offerCustomerName(offer) })}
      </strong>
      {!compact && <p className="preview">{offer.preview}</p>}
      <p className="countdown" role="timer" aria-live="off">
        {t('offer.expires', { count: seconds })}
      </p>
      <div className="actions">
        <button onClick={() => void acceptOffer(offer.id)} aria-keyshortcuts={compact ? undefined : 'a'} data-testid="offer-accept">
          {t('offer.accept')}
        </button>
        <button className="secondary" onClick={() => void rejectOffer(offer.id)} aria-keyshortcuts={compact ? undefined : 'd'} data-testid="offer-reject">
          {t('offer.reject')}
        </button>
      </div>
    </div>
  );
}

/**
 * Offers sit at the top of the inbox column, in the page's flow: they never cover the composer or
 * the customer panel, and never take focus (an agent typing a reply would send half a sentence
 * into the wrong place). They are announced, reachable by Tab, and answered with `a` / `d`.
 */
export function OfferToasts() {
  const { t } = useTranslation();
  const offers = useOffers();
  const now = useNow();
  if (offers.length === 0) return null;
  return (
    <section className="offers" aria-live="assertive" aria-label={t('offer.region')} data-testid="offers">
      {offers.map((offer) => (
        <OfferCard key={offer.id} offer={offer} now={now} compact={false} />
      ))}
    </section>
  );
}

/** The same offers inside an open dialog, which makes the rest of the page inert until it closes. */
export function OfferStrip() {
  const { t } = useTranslation();
  const offers = useOffers();
  const now = useNow();
  if (offers.length === 0) return null;
  return (
    <section className="offers in-dialog" aria-live="assertive" aria-label={t('offer.region')} data-testid="dialog-offers">
      {offers.map((offer) => (
        <OfferCard key={offer.id} offer={offer} now={now} compact />
      ))}
    </section>
  );
}
