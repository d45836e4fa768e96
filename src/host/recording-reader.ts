/**
 * Call recordings for the UI, in chunks (as attachments are): the first chunk fetches the file from
 * the hub with the agent's token (the hub checks who may hear it and audits the playback); the
 * rest of that playback is served from the bytes fetched, which are dropped once all are read.
 */
import { ATTACHMENT_CHUNK_BYTES } from '../shared/contracts/attachments-contract';
import { err, ok, type Result } from '../shared/result';
import { hubRefusal } from './hub-refusal';

/** Longest recording the desktop loads (8 kHz 16-bit stereo: over four hours). */
const MAX_BYTES = 512 * 1024 * 1024;
/** Playbacks whose chunks are still being read; an abandoned one goes after this many. */
const MAX_OPEN = 4;

export interface RecordingChunk {
  mimeType: string;
  total: number;
  offset: number;
  data: string;
}

export function createRecordingReader(auth: () => Promise<{ hubUrl: string; token: string } | null>) {
  const open = new Map<string, Buffer>();

  async function fetchRecording(conversationId: string, recordingId: string): Promise<Result<Buffer>> {
    const hub = await auth();
    if (!hub) return err('unauthenticated', 'sign in first');
    let response: Response;
    try {
      const url = new URL(`/api/conversations/${encodeURIComponent(conversationId)}/recordings/${encodeURIComponent(recordingId)}`, hub.hubUrl);
      response = await fetch(url, { headers: { authorization: `Bearer ${hub.token}` }, signal: AbortSignal.timeout(60_000) });
    } catch {
      return err('unavailable', 'the hub cannot be reached');
    }
    if (response.status === 404) return err('not_found', 'that recording is not available (deleted, or not yours to hear)');
    if (!response.ok) return hubRefusal(response.status, await response.json().catch(() => null));
    if (Number(response.headers.get('content-length') ?? '0') > MAX_BYTES) return err('frame_too_large', 'the recording is too long to play here');
    const bytes = Buffer.from(await response.arrayBuffer());
    return bytes.length > MAX_BYTES ? err('frame_too_large', 'the recording is too long to play here') : ok(bytes);
  }

  return {
    async read(conversationId: string, recordingId: string, offset: number): Promise<Result<RecordingChunk>> {
      const key = `${conversationId}/${recordingId}`;
      let bytes = offset === 0 ? undefined : open.get(key);
      if (!bytes) {
        if (offset !== 0) return err('invalid_argument', 'read a recording from its start');
        const fetched = await fetchRecording(conversationId, recordingId);
        if (!fetched.ok) return fetched;
        bytes = fetched.value;
        open.delete(key);
        open.set(key, bytes);
        for (const k of open.keys()) if (open.size > MAX_OPEN) open.delete(k);
      }
      const start = Math.min(offset, bytes.length);
      const slice = bytes.subarray(start, start + ATTACHMENT_CHUNK_BYTES);
      if (start + slice.length >= bytes.length) open.delete(key);
      return ok({ mimeType: 'audio/wav', total: bytes.length, offset: start, data: slice.toString('base64') });
    },
  };
}
export type RecordingReader = ReturnType<typeof createRecordingReader>;
