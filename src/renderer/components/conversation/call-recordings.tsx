import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallRecording } from '../../../shared/domain/call';
import { seesEverything } from '../../../shared/domain/visibility';
import type { Conversation } from '../../../shared/domain/conversation';
import { err, ok, type Result } from '../../../shared/result';
import { rpc } from '../../rpc/connect';
import { useAppStore } from '../../store/app-store';
import { formatCallDuration } from './call-duration';

/** Reads the whole recording through the host (one audited playback at the hub) into a blob URL. */
async function loadRecording(conversationId: string, recordingId: string): Promise<Result<string>> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    const chunk = await rpc.workspace.readRecording({ conversationId, recordingId, offset });
    if (!chunk.ok) return chunk;
    const binary = atob(chunk.value.data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    parts.push(bytes);
    offset += bytes.length;
    if (offset >= chunk.value.total || bytes.length === 0) break;
  }
  return offset > 0 ? ok(URL.createObjectURL(new Blob(parts, { type: 'audio/wav' }))) : err('not_found', 'the recording is empty');
}

function RecordingItem({ conversationId, recording, index }: { conversationId: string; recording: CallRecording; index: number }) {
  const { t, i18n } = useTranslation();
  const [source, setSource] = useState<{ status: 'idle' | 'loading' | 'failed' } | { status: 'ready'; src: string }>({ status: 'idle' });
  useEffect(() => () => void (source.status === 'ready' && URL.revokeObjectURL(source.src)), [source]);
  const label = t('callRecord.recording', {
    n: index + 1,
    duration: formatCallDuration(Math.round(recording.durationMs / 1000)),
    at: new Date(recording.startedAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' }),
  });
  const play = () => {
    setSource({ status: 'loading' });
    void loadRecording(conversationId, recording.id).then((r) => setSource(r.ok ? { status: 'ready', src: r.value } : { status: 'failed' }));
  };
  return (
    <li data-testid="call-recording-item" data-recording-id={recording.id}>
      <span>{label}</span>{' '}
      {source.status === 'ready' ? (
        <audio controls autoPlay src={source.src} aria-label={label} data-testid="recording-audio" />
      ) : (
        <button type="button" className="secondary" onClick={play} disabled={source.status === 'loading'} data-testid="recording-play">
          {t(source.status === 'loading' ? 'callRecord.loading' : 'callRecord.play')}
        </button>
      )}
      {source.status === 'failed' && (
        <span role="alert" className="error">
          {' '}
          {t('callRecord.play_failed')}
        </span>
      )}
    </li>
  );
}

/** The call's recordings, for whoever handled the call and supervisors (the hub checks again, and audits each playback). */
export function CallRecordings({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const agent = useAppStore((s) => s.agent);
  const recordings = conversation.call?.recordings ?? [];
  if (recordings.length === 0 || !agent || !(seesEverything(agent) || conversation.assigneeId === agent.id)) return null;
  return (
    <section className="call-recordings" aria-label={t('callRecord.recordings')} data-testid="call-recordings" data-conversation-id={conversation.id}>
      <ul>
        {recordings.map((recording, index) => (
          <RecordingItem key={recording.id} conversationId={conversation.id} recording={recording} index={index} />
        ))}
      </ul>
    </section>
  );
}
