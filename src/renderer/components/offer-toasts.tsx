import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { acceptOffer, rejectOffer } from '../store/actions';
import { useAppStore } from '../store/app-store';

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function OfferToasts() {
  const { t } = useTranslation();
  const offers = useAppStore(useShallow((s) => Object.values(s.offers)));
  const now = useNow(1000);
  if (offers.length === 0) return null;
  return (
    <section className="toasts" aria-live="assertive">
      {offers.map((offer) => (
        <div key={offer.id} className="toast" role="alertdialog" aria-labelledby={`offer-${offer.id}`} data-testid="offer">
          <strong id={`offer-${offer.id}`}>
            {t('offer.title', { channel: t(`channel.${offer.channel}`), name: offer.customerName })}
          </strong>
          <p className="preview">{offer.preview}</p>
          <p className="countdown">{t('offer.expires', { seconds: Math.max(0, Math.ceil((offer.expiresAt - now) / 1000)) })}</p>
          <div className="actions">
            <button onClick={() => void acceptOffer(offer.id)} autoFocus>
              {t('offer.accept')}
            </button>
            <button className="secondary" onClick={() => void rejectOffer(offer.id)}>
              {t('offer.reject')}
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
