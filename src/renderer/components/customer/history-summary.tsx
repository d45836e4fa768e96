import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/contracts/customer-360';

/** How many earlier contacts get their own line under the summary's first sentence. */
const RECENT_LINES = 3;

/**
 * The customer's history at a glance, in the agent's language: how often and where they got in
 * touch, then what the latest contacts were about (those lines keep the language they were said in).
 */
export function HistorySummary({ contacts }: { contacts: Contact[] }) {
  const { t, i18n } = useTranslation();
  if (contacts.length === 0) return null;
  const sorted = [...contacts].sort((a, b) => b.startedAt - a.startedAt);
  const day = (at: number) => new Date(at).toLocaleDateString(i18n.language, { dateStyle: 'medium' });
  const perChannel = new Map<string, number>();
  for (const c of sorted) perChannel.set(c.channels[0]!, (perChannel.get(c.channels[0]!) ?? 0) + 1);
  const channels = new Intl.ListFormat(i18n.language, { style: 'long', type: 'conjunction' }).format(
    [...perChannel].map(([channel, count]) => t('customer.history_channel', { channel: t(`channel.${channel}`), count })),
  );
  const from = day(sorted.at(-1)!.startedAt);
  const to = day(sorted[0]!.startedAt);
  const head =
    from === to
      ? t('customer.history_day', { count: sorted.length, date: to, channels })
      : t('customer.history_span', { count: sorted.length, from, to, channels });
  return (
    <section className="history-summary" aria-labelledby="summary-title" data-testid="history-summary">
      <h3 id="summary-title">{t('customer.summary')}</h3>
      <p>{head}</p>
      <ul className="plain">
        {sorted
          .filter((c) => c.summary)
          .slice(0, RECENT_LINES)
          .map((c) => (
            <li key={c.conversationId}>
              {t('customer.history_line', { date: day(c.startedAt), channel: t(`channel.${c.channels[0]}`), summary: c.summary })}
            </li>
          ))}
      </ul>
    </section>
  );
}
