import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../shared/domain/conversation';
import './insight-badges.css';

/** What the hub's NLP read from the customer, in the conversation header: the detected intent and any escalation. */
export function InsightBadges({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const intent = conversation.insight?.intent ?? null;
  const escalation = conversation.insight?.escalation ?? null;
  if (!intent?.serviceQueue && !escalation) return null;
  return (
    <span className="insight-badges">
      {intent?.serviceQueue && (
        <span className="badge intent" data-testid="intent-badge" data-queue={intent.serviceQueue}>
          {t('insight.intent', { queue: t(`insight.queue.${intent.serviceQueue}`, { defaultValue: intent.serviceQueue }), percent: Math.round(intent.confidence * 100) })}
          {intent.intent && <span className="muted"> · {intent.intent.replace(/_/g, ' ')}</span>}
        </span>
      )}
      {escalation && (
        <span className="badge escalated" data-testid="escalation-badge" title={escalation.words.join(', ') || undefined}>
          {t('insight.escalated_label', { reason: t(`insight.reason.${escalation.reason}`) })}
        </span>
      )}
    </span>
  );
}
