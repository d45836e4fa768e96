import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { isShortcutEvent } from '../lib/typing-target';
import { useNow } from '../lib/use-now';
import { acceptOffer, rejectOffer } from '../store/actions';
import { useAppStore } from '../store/app-store';
import { offerCustomerName } from '../store/customer-names';

/**
 * Offers never take focus: an agent typing a reply would send half a sentence into the wrong place.
 * They are announced, reachable by Tab, and `a` / `d` answer the oldest one from anywhere.
 */
export function OfferToasts() {
  const { t } = useTranslation();
  const offers = useAppStore(useShallow((s) => Object.values(s.offers).sort((a, b) => a.expiresAt - b.expiresAt)));
  const now = useNow();

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

  if (offers.length === 0) return null;
  return (
    <section className="toasts" aria-live="assertive" aria-label={t('offer.region')}>
      {offers.map((offer) => {
        const seconds = Math.max(0, Math.ceil((offer.expiresAt - now) / 1000));
        return (
          <div key={offer.id} className="toast" role="group" aria-labelledby={`offer-${offer.id}`} data-testid="offer">
            <strong id={`offer-${offer.id}`}>{t('offer.title', { channel: t(`channel.${offer.channel}`), name: offerCustomerName(offer) })}</strong>
            <p className="preview">{offer.preview}</p>
            <p className="countdown" role="timer" aria-live="off">
              {t('offer.expires', { seconds })}
            </p>
            <div className="actions">
              <button onClick={() => void acceptOffer(offer.id)} aria-keyshortcuts="a" data-testid="offer-accept">
                {t('offer.accept')}
              </button>
              <button className="secondary" onClick={() => void rejectOffer(offer.id)} aria-keyshortcuts="d" data-testid="offer-reject">
                {t('offer.reject')}
              </button>
            </div>
          </div>
        );
      })}
    </section>
  );
}
