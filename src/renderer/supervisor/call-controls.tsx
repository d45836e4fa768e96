import { supervisionModes } from '../../shared/protocol/supervisor-protocol';
import { useSupervisorStore } from './supervisor-store';
import { endMonitoring, setMode, type SupervisorClient } from './supervisor-actions';
import { useSupervisorT } from './supervisor-i18n';

/** The supervisor's open call sessions: switch monitor / whisper / barge (radio buttons, arrow keys) or end. */
export function CallControls({ client, agentName, customerName }: { client: SupervisorClient; agentName(id: string | null): string | null; customerName(conversationId: string): string | null }) {
  const st = useSupervisorT();
  const me = useSupervisorStore((s) => s.supervisor?.id);
  const sessions = useSupervisorStore((s) => s.sessions);
  const calls = sessions.filter((s) => s.kind === 'call' && s.supervisorId === me);
  return (
    <section aria-labelledby="sv-calls" className="supervisor-calls" data-testid="call-controls">
      <h3 id="sv-calls">{st('call.title')}</h3>
      {calls.length === 0 && <p>{st('call.none')}</p>}
      {calls.map((s) => (
        <div key={s.id} className="supervisor-call" data-session={s.id} data-mode={s.mode}>
          <fieldset>
            <legend>
              {st('call.with', { customer: customerName(s.conversationId) ?? s.conversationId, agent: agentName(s.agentId) ?? '' })}
              {s.pbx && <span data-testid="via-pbx"> · {st('call.viaPbx')}</span>} · {st('call.mode')}
            </legend>
            {supervisionModes.map((mode) => (
              <label key={mode}>
                <input type="radio" name={`mode-${s.id}`} value={mode} checked={s.mode === mode} onChange={() => void setMode(client, s.id, mode)} data-testid={`mode-${mode}`} />
                {st(`call.modes.${mode}`)}
              </label>
            ))}
          </fieldset>
          <button type="button" className="danger" onClick={() => void endMonitoring(client, s.id)} data-testid="end-supervision">
            {st('call.end')}
          </button>
        </div>
      ))}
    </section>
  );
}
