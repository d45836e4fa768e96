/**
 * What a waiting caller hears, played by rtpengine as early media: a greeting, their position in
 * the queue, then hold music on a loop; the goodbye when the wait is over. The hub answers the
 * carrier's offer itself through rtpengine (a silent stand-in takes the callee's side), so
 * Kamailio can send a 183 with that answer while the INVITE stays suspended. This session is
 * deleted before the INVITE continues to an agent: the agent's call is a new rtpengine session.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../shared/log';
import type { NgParams, RtpengineClient } from './rtpengine-client';

export type PromptLanguage = 'en' | 'zh-CN';

/** The prompts shipped in resources/prompts (see its LICENSE.md); rtpengine must be able to read them. */
export const DEFAULT_PROMPTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources', 'prompts');

export interface HoldAudio {
  /** Answers the caller's offer with rtpengine and starts the prompts; resolves with the SDP for the 183. */
  start(call: { callId: string; fromTag: string; sdp: string; position: number; offerCallback?: boolean }): Promise<string>;
  /** Plays the goodbye (or another closing prompt); resolves once it has been heard. */
  goodbye(callId: string, prompt?: 'all-busy-goodbye' | 'callback-confirmed'): Promise<void>;
  /** Ends the hold session (before the call continues to an agent, or when the caller is gone). */
  stop(callId: string): Promise<void>;
}

/** The callee side of the hold session: nobody, at the discard port. */
const SILENT_PARTY = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=switchboard-hold', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 9 RTP/AVP 0 8 101', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', ''].join('\r\n');
const HOLD_TAG = 'switchboard-hold';
const PLAIN_RTP: NgParams = { 'transport-protocol': 'RTP/AVP', ICE: 'remove', replace: ['origin', 'session-connection'], 'rtcp-mux': ['demux'] };

export function createHoldAudio(deps: { client: RtpengineClient; promptsDir: string; language: PromptLanguage; log: Logger }): HoldAudio {
  const sessions = new Map<string, { fromTag: string; timer: NodeJS.Timeout | null }>();
  const file = (name: string): string => (name === 'hold-music' ? join(deps.promptsDir, 'hold-music.wav') : join(deps.promptsDir, deps.language, `${name}.wav`));

  /** Plays one prompt to the caller; resolves with its length in ms. */
  async function play(callId: string, fromTag: string, name: string, repeat = 1): Promise<number> {
    const answer = await deps.client.request('play media', { 'call-id': callId, 'from-tag': fromTag, file: file(name), 'repeat-times': repeat });
    return typeof answer.duration === 'number' ? answer.duration : 0;
  }

  /** Plays the prompts one after the other, then loops the music, while the session lasts. */
  function sequence(callId: string, names: string[]): void {
    const session = sessions.get(callId);
    if (!session) return;
    const [name, ...rest] = names;
    if (!name) {
      void play(callId, session.fromTag, 'hold-music', 1000).catch((e: unknown) => deps.log.log('warn', 'hold music failed', { detail: String(e) }));
      return;
    }
    play(callId, session.fromTag, name).then(
      (ms) => {
        const current = sessions.get(callId);
        if (current) current.timer = setTimeout(() => sequence(callId, rest), ms + 300);
      },
      (e: unknown) => deps.log.log('warn', 'a hold prompt failed', { prompt: name, detail: String(e) }),
    );
  }

  async function stop(callId: string): Promise<void> {
    const session = sessions.get(callId);
    if (!session) return;
    sessions.delete(callId);
    if (session.timer) clearTimeout(session.timer);
    await deps.client.request('delete', { 'call-id': callId, 'from-tag': session.fromTag }).catch(() => undefined);
  }

  return {
    async start(call) {
      await deps.client.request('offer', { ...PLAIN_RTP, 'call-id': call.callId, 'from-tag': call.fromTag, sdp: call.sdp });
      const answer = await deps.client.request('answer', { ...PLAIN_RTP, 'call-id': call.callId, 'from-tag': call.fromTag, 'to-tag': HOLD_TAG, sdp: SILENT_PARTY });
      if (typeof answer.sdp !== 'string') throw new Error('rtpengine answered without SDP');
      sessions.set(call.callId, { fromTag: call.fromTag, timer: null });
      const position = call.position >= 1 && call.position <= 9 ? [`position-${call.position}`] : [];
      // Early media starts when the carrier has the 183; a moment later the greeting is heard whole.
      const session = sessions.get(call.callId)!;
      session.timer = setTimeout(() => sequence(call.callId, ['please-hold', ...position, ...(call.offerCallback ? ['callback-offer'] : [])]), 500);
      return answer.sdp;
    },
    async goodbye(callId, prompt = 'all-busy-goodbye') {
      const session = sessions.get(callId);
      if (!session) return;
      if (session.timer) clearTimeout(session.timer);
      session.timer = null;
      const ms = await play(callId, session.fromTag, prompt).catch(() => 0);
      await new Promise((done) => setTimeout(done, ms + 300));
    },
    stop,
  };
}
