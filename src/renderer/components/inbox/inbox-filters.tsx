import { useTranslation } from 'react-i18next';
import { channels } from '../../../shared/domain/channel';
import { conversationStatuses } from '../../../shared/domain/conversation';
import { inboxFilterSchema } from '../../lib/inbox-query';
import { useAppStore } from '../../store/app-store';

const statusOptions = ['open', 'all', ...conversationStatuses] as const;
const scopeOptions = ['all', 'mine', 'queue'] as const;

export function InboxFilters() {
  const { t } = useTranslation();
  const filter = useAppStore((s) => s.filter);
  const setFilter = useAppStore((s) => s.setFilter);
  // The select's value is a string; the schema turns it back into a filter, or leaves the filter as it was.
  const change = (patch: Record<string, string>) => {
    const next = inboxFilterSchema.safeParse({ ...filter, ...patch });
    if (next.success) setFilter(next.data);
  };
  return (
    <div className="inbox-filters" role="group" aria-label={t('inbox.filters')}>
      <label>
        <span>{t('inbox.scope')}</span>
        <select value={filter.scope} onChange={(e) => change({ scope: e.target.value })} data-testid="filter-scope">
          {scopeOptions.map((o) => (
            <option key={o} value={o}>
              {t(`inbox.scope_${o}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('inbox.channel')}</span>
        <select value={filter.channel} onChange={(e) => change({ channel: e.target.value })} data-testid="filter-channel">
          <option value="all">{t('inbox.all_channels')}</option>
          {channels.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('inbox.status')}</span>
        <select value={filter.status} onChange={(e) => change({ status: e.target.value })} data-testid="filter-status">
          {statusOptions.map((s) => (
            <option key={s} value={s}>
              {s === 'open' || s === 'all' ? t(`inbox.status_${s}`) : t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
