import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/contracts/customer-360';

/** Every earlier contact, newest first, on any channel: a call reads the same as a chat here. */
export function ContactTimeline({ contacts }: { contacts: Contact[] }) {
  const { t, i18n } = useTranslation();
  const sorted = [...contacts].sort((a, b) => b.startedAt - a.startedAt);
  return (
    <section aria-labelledby="timeline-title">
      <h3 id="timeline-title">{t('customer.timeline')}</h3>
      {sorted.length === 0 ? (
        <p className="muted">{t('customer.no_contacts')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {sorted.map((c) => (
            <li key={c.conversationId} data-testid="timeline-entry" data-channels={c.channels.join(' ')}>
              <span className="timeline-head">
                {c.channels.map((ch) => (
                  <span key={ch} className={`channel channel-${ch}`}>
                    {t(`channel.${ch}`)}
                  </span>
                ))}
                <time dateTime={new Date(c.startedAt).toISOString()}>
                  {new Date(c.startedAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' })}
                </time>
                {c.sentiment && <span className={`sentiment sentiment-${c.sentiment}`}>{t(`sentiment.${c.sentiment}`)}</span>}
              </span>
              <span className="timeline-summary">{c.summary || t('customer.no_summary')}</span>
              {c.askedBot && c.askedBot.length > 0 && (
                <span className="timeline-asked-bot" data-testid="timeline-asked-bot">
                  {t('customer.asked_bot', { questions: c.askedBot.join(' · ') })}
                </span>
              )}
              {c.disposition && <span className="muted">{t(`disposition.${c.disposition}`, { defaultValue: c.disposition })}</span>}
              {c.rating && (
                <span className={c.rating.rating <= 2 ? 'timeline-rating low' : 'timeline-rating'} data-testid="timeline-rating" data-rating={c.rating.rating}>
                  {c.rating.comment ? t('customer.rating_comment', { rating: c.rating.rating, comment: c.rating.comment }) : t('customer.rating', { rating: c.rating.rating })}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
