import { useTranslation } from 'react-i18next';
import { awayReasons, setAgentState, type AwayReason } from '../../store/agent-actions';
import { useAppStore } from '../../store/app-store';

/** One select for state and away reason: `available`, `busy`, `away:lunch`, … */
export function AgentStateSelector() {
  const { t } = useTranslation();
  const state = useAppStore((s) => s.agent?.state ?? 'offline');
  const reason = useAppStore((s) => s.agent?.stateReason ?? null);
  const value = state === 'away' && reason ? `away:${reason}` : state;
  const change = (next: string) => {
    const [s, r] = next.split(':');
    if (s === 'away') void setAgentState('away', (awayReasons as readonly string[]).includes(r ?? '') ? (r as AwayReason) : null);
    else if (s === 'available' || s === 'busy' || s === 'offline') void setAgentState(s);
  };
  return (
    <label className="agent-state">
      <span className="visually-hidden">{t('agent.state')}</span>
      <select value={value} onChange={(e) => change(e.target.value)} className={`state-${state}`} data-testid="agent-state">
        <option value="available">{t('state.available')}</option>
        <option value="busy">{t('state.busy')}</option>
        {state === 'away' && !reason && <option value="away">{t('state.away')}</option>}
        {awayReasons.map((r) => (
          <option key={r} value={`away:${r}`}>
            {t('agent.away_option', { reason: t(`away.${r}`) })}
          </option>
        ))}
        {state === 'after_call_work' && (
          <option value="after_call_work" disabled>
            {t('state.after_call_work')}
          </option>
        )}
        <option value="offline">{t('state.offline')}</option>
      </select>
    </label>
  );
}
