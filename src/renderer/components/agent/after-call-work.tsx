import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { formatCountdown, secondsLeft } from '../../lib/sla-policy';
import { useFocusRequest } from '../../lib/use-focus-request';
import { useNow } from '../../lib/use-now';
import { finishAfterCallWork } from '../../store/agent-actions';
import { useAppStore } from '../../store/app-store';
import { closeConversation } from '../../store/conversation-actions';
import { DispositionSelect } from '../common/disposition-select';

const NONE: string[] = [];

/** A contact of mine that ended without a disposition (a call the customer hung up): wrap-up must record one. */
function useUndisposed(): string[] {
  return useAppStore(
    // Scans only during wrap-up: this selector runs on every store change.
    useShallow((s) =>
      s.agent?.state !== 'after_call_work'
        ? NONE
        : Object.values(s.conversations)
        .filter((c) => c.assigneeId === s.agent?.id && c.status === 'wrap_up')
        .map((c) => c.id),
    ),
  );
}

function DispositionFor({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (code) void closeConversation(conversationId, code, '');
      }}
    >
      <DispositionSelect value={code} onChange={setCode} testId="acw-disposition" />
      <button type="submit" className="secondary" disabled={!code}>
        {t('acw.save_disposition')}
      </button>
    </form>
  );
}

/** The wrap-up bar: the hub's after-call-work countdown, a disposition where one is missing, and "done". */
export function AfterCallWorkBar() {
  const { t } = useTranslation();
  const inAcw = useAppStore((s) => s.agent?.state === 'after_call_work');
  const until = useAppStore((s) => s.agent?.stateUntil ?? null);
  const undisposed = useUndisposed();
  const now = useNow();
  const doneRef = useRef<HTMLButtonElement>(null);
  // After closing a conversation, wrap-up is the next thing to finish.
  useFocusRequest('acw', doneRef, inAcw);
  if (!inAcw) return null;
  return (
    <div className="acw-bar" role="region" aria-label={t('acw.title')} data-testid="acw">
      <strong>{t('acw.title')}</strong>
      {until !== null && (
        <span className="acw-countdown" role="timer">
          {t('acw.remaining', { time: formatCountdown(Math.max(0, secondsLeft(until, now))) })}
        </span>
      )}
      {undisposed.slice(0, 1).map((id) => (
        <DispositionFor key={id} conversationId={id} />
      ))}
      <button
        ref={doneRef}
        type="button"
        onClick={() => {
          useAppStore.getState().requestFocus('inbox');
          void finishAfterCallWork();
        }}
        disabled={undisposed.length > 0}
        data-testid="acw-done"
      >
        {t('acw.done')}
      </button>
    </div>
  );
}
