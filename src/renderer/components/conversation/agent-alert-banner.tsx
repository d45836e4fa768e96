import { useTranslation } from 'react-i18next';
import type { AgentAlert } from '../../../shared/domain/agent-alert';
import { useAppStore } from '../../store/app-store';

const reasonKey: Record<AgentAlert['reason'], string> = {
  'sustained-negative': 'agentAlert.sustained_negative',
  'sharp-drop': 'agentAlert.sharp_drop',
  'complaint-phrase': 'agentAlert.complaint_phrase',
  'strongly-negative': 'agentAlert.strongly_negative',
  'voice-agitation': 'agentAlert.voice_agitation',
};

/** The hub's sentiment or escalation alert on this conversation, until the agent dismisses it (button, or Escape inside the banner). */
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
      data-reason={alert.reason}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          dismiss(conversationId);
        }
      }}
    >
      <p>
        {t(reasonKey[alert.reason])}
        {alert.words && alert.words.length > 0 && <span data-testid="agent-alert-words"> — {t('agentAlert.words', { words: alert.words.join(t('agentAlert.word_separator')) })}</span>}
        {alert.source === 'voice' && <span className="muted"> — {t('agentAlert.from_voice')}</span>}
      </p>
      <button type="button" className="secondary" onClick={() => dismiss(conversationId)} data-testid="agent-alert-dismiss">
        {t('agentAlert.dismiss')}
      </button>
    </div>
  );
}
