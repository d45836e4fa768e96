import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/app-store';

const reasonKey = { 'sustained-negative': 'agentAlert.sustained_negative', 'sharp-drop': 'agentAlert.sharp_drop' } as const;

/** The hub's sentiment alert on this conversation, until the agent dismisses it (button, or Escape inside the banner). */
export function AgentAlertBanner({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const alert = useAppStore((s) => s.alerts[conversationId]);
  const dismiss = useAppStore((s) => s.dismissAlert);
  if (!alert) return null;
  return (
    <div
      className="agent-alert"
      role="alert"
      data-testid="agent-alert"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          dismiss(conversationId);
        }
      }}
    >
      <p>
        {t(reasonKey[alert.reason])}
        {alert.source === 'voice' && <span className="muted"> — {t('agentAlert.from_voice')}</span>}
      </p>
      <button type="button" className="secondary" onClick={() => dismiss(conversationId)} data-testid="agent-alert-dismiss">
        {t('agentAlert.dismiss')}
      </button>
    </div>
  );
}
