import { useTranslation } from 'react-i18next';
import type { CallRecord } from '../../../shared/domain/call';
import { rpc } from '../../rpc/connect';
import { report } from '../../store/report';

/**
 * The call's recording on its card: whether rtpengine is recording it (or the recording is paused,
 * say while the customer reads a card number), and the buttons the queue's policy allows.
 */
export function RecordingControls({ call }: { call: CallRecord }) {
  const { t } = useTranslation();
  const policy = call.recordingPolicy ?? 'never';
  const live = call.recording ?? null;
  if (policy === 'never' || call.endedAt != null) return null;
  const control = (action: 'start' | 'pause' | 'resume') => void rpc.workspace.controlRecording({ sipCallId: call.sipCallId, action }).then(report);
  return (
    <p className="call-recording" data-testid="call-recording" data-recording={live?.state ?? 'off'}>
      <span role="status" className={`recording-state recording-${live?.state ?? 'off'}`}>
        {t(`phone.recording.${live?.state ?? 'off'}`)}
      </span>{' '}
      {!live && policy === 'agent' && (
        <button type="button" className="secondary" onClick={() => control('start')} data-testid="recording-start">
          {t('phone.recording.start')}
        </button>
      )}
      {live?.state === 'recording' && (
        <button type="button" className="secondary" onClick={() => control('pause')} data-testid="recording-pause">
          {t('phone.recording.pause')}
        </button>
      )}
      {live?.state === 'paused' && (
        <button type="button" className="secondary" onClick={() => control('resume')} data-testid="recording-resume">
          {t('phone.recording.resume')}
        </button>
      )}
    </p>
  );
}
