import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhoneCall } from '../../../shared/contracts/phone-contract';
import { useNow } from '../../lib/use-now';
import { openConversation } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { findCallConversation } from '../../store/call-conversation';
import {
  blindTransfer,
  cancelTransfer,
  completeTransfer,
  conference,
  hangUp,
  hold,
  resume,
  sendDtmf,
  setMuted,
  startConsultation,
} from '../../store/phone-actions';
import { report } from '../../store/report';
import { Keypad } from './keypad';
import { QualityBadge } from './quality-badge';
import { RecordingControls } from './recording-controls';

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

function TransferForm({ call }: { call: PhoneCall }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  const blind = async (event: FormEvent) => {
    event.preventDefault();
    if (target.trim()) report(await blindTransfer(call.id, target.trim()));
  };
  return (
    <form className="transfer-form" onSubmit={(e) => void blind(e)} data-testid="call-transfer">
      <label>
        {t('phone.transfer_to')}
        <input value={target} onChange={(e) => setTarget(e.target.value)} inputMode="tel" autoComplete="off" maxLength={64} data-testid="transfer-target" />
      </label>
      <div className="actions">
        <button type="submit" className="secondary" disabled={!target.trim()} data-testid="transfer-blind">
          {t('phone.transfer_blind')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!target.trim()}
          onClick={() => void startConsultation(call.id, target.trim()).then(report)}
          data-testid="transfer-consult"
        >
          {t('phone.transfer_consult')}
        </button>
      </div>
    </form>
  );
}

/** One call: who, how long, how it sounds, and every control an agent needs on it. */
export function CallCard({ call, others }: { call: PhoneCall; others: PhoneCall[] }) {
  const { t } = useTranslation();
  const now = useNow();
  const [panel, setPanel] = useState<'none' | 'keypad' | 'transfer'>('none');
  /** The digits this card sent, so the agent sees what the IVR at the far end got. */
  const [sent, setSent] = useState('');
  const press = async (key: string) => {
    const result = await sendDtmf(call.id, key);
    if (report(result)) setSent((digits) => (digits + key).slice(-32));
  };
  const conversation = useAppStore((s) => findCallConversation(call, Object.values(s.conversations)));
  const caller = call.remoteDisplayName ?? call.remoteUser;
  const answered = call.state === 'active';
  const partner = others.find((o) => o.state === 'active' && o.id !== call.id && !o.conferenceWith);
  const run = (step: Promise<Parameters<typeof report>[0]>) => void step.then(report);
  const titleId = `call-${call.id}-title`;
  return (
    <section className="call-card" aria-labelledby={titleId} data-testid="call-card" data-call-state={call.state} data-held={call.held} data-muted={call.muted}>
      <h3 id={titleId}>
        {t(call.direction === 'inbound' ? 'phone.call_from' : 'phone.call_to', { who: caller })}
      </h3>
      <p className="call-meta">
        <span data-testid="call-state">{call.held ? t('phone.state.held') : t(`phone.state.${call.state}`)}</span>
        {answered && call.answeredAt !== undefined && (
          <span className="call-timer" role="timer" aria-live="off" data-testid="call-timer">
            {' · '}
            {formatDuration(now - call.answeredAt)}
          </span>
        )}
      </p>
      <QualityBadge quality={call.quality} />
      {answered && conversation?.call && <RecordingControls call={conversation.call} />}
      {conversation && (
        <button type="button" className="link" onClick={() => void openConversation(conversation.id)} data-testid="call-conversation">
          {t('phone.open_conversation')}
        </button>
      )}
      <div className="actions call-actions">
        {answered && (
          <>
            <button type="button" className="secondary" aria-pressed={call.held} onClick={() => run(call.held ? resume(call.id) : hold(call.id))} data-testid="call-hold">
              {call.held ? t('phone.resume') : t('phone.hold')}
            </button>
            <button type="button" className="secondary" aria-pressed={call.muted} onClick={() => run(setMuted(call.id, !call.muted))} data-testid="call-mute">
              {call.muted ? t('phone.unmute') : t('phone.mute')}
            </button>
            <button type="button" className="secondary" aria-expanded={panel === 'keypad'} onClick={() => setPanel(panel === 'keypad' ? 'none' : 'keypad')} data-testid="call-keypad">
              {t('phone.keypad')}
            </button>
            {!call.consultFor && !call.consultCallId && (
              <button type="button" className="secondary" aria-expanded={panel === 'transfer'} onClick={() => setPanel(panel === 'transfer' ? 'none' : 'transfer')} data-testid="call-transfer-open">
                {t('phone.transfer')}
              </button>
            )}
            {partner && !call.conferenceWith && (
              <button type="button" className="secondary" onClick={() => run(conference(call.id, partner.id))} data-testid="call-conference">
                {t('phone.conference', { who: partner.remoteDisplayName ?? partner.remoteUser })}
              </button>
            )}
          </>
        )}
        {call.consultCallId && (
          <>
            <button type="button" onClick={() => run(completeTransfer(call.id, call.consultCallId!))} data-testid="transfer-complete">
              {t('phone.transfer_complete')}
            </button>
            <button type="button" className="secondary" onClick={() => run(cancelTransfer(call.id, call.consultCallId!))} data-testid="transfer-cancel">
              {t('phone.transfer_cancel')}
            </button>
          </>
        )}
        <button type="button" className="danger" onClick={() => run(hangUp(call.id))} data-testid="call-hangup">
          {t('phone.hang_up')}
        </button>
      </div>
      {answered && panel === 'keypad' && (
        <>
          <Keypad onKey={(key) => void press(key)} label={t('phone.keypad')} testId="dtmf-keys" />
          {sent && (
            <p className="dtmf-sent" aria-live="polite" data-testid="dtmf-sent">
              {t('phone.dtmf_sent', { digits: sent })}
            </p>
          )}
        </>
      )}
      {answered && panel === 'transfer' && <TransferForm call={call} />}
    </section>
  );
}
