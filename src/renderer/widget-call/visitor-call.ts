/**
 * The website visitor's side of "Call us": one outgoing WebRTC call to a queue number through
 * Kamailio, with the short-lived credentials the hub issued for this visitor. No registration
 * (Kamailio refuses one from a visitor) and nothing else: the page gets the call's states and a
 * way to hang up. Bundled on its own (scripts/build-widget-call.ts) for the widget page, which
 * has no build step of its own.
 */
import { UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import { z } from 'zod';

export const visitorCallSchema = z.object({
  authorizationUsername: z.string().min(1),
  password: z.string().min(1),
  uri: z.string().regex(/^sip:[^@\s]+@[^@\s]+$/),
  wsUrl: z.string().regex(/^wss?:\/\/\S+$/),
  /** The queue number to call. */
  number: z.string().regex(/^[0-9]{1,32}$/),
  /** The name the agent's phone shows while it rings. */
  displayName: z.string().max(80).optional(),
});
export type VisitorCallOptions = z.infer<typeof visitorCallSchema>;

/** What the page shows: ringing until an agent answers, then connected, then ended (or failed, with why). */
export type VisitorCallState =
  | { state: 'calling' }
  | { state: 'connected' }
  | { state: 'ended' }
  | { state: 'failed'; reason: 'microphone' | 'busy' | 'unavailable' | 'network' };

export interface VisitorCall {
  hangUp(): void;
}

/** SIP answers a visitor can act on, in their words; anything else is "could not connect". */
function reasonOf(cause: string | undefined): Extract<VisitorCallState, { state: 'failed' }>['reason'] {
  switch (cause) {
    case 'Busy':
      return 'busy';
    case 'Unavailable':
    case 'Not Found':
    case 'Rejected':
    case 'Request Timeout':
      return 'unavailable';
    case 'User Denied Media Access':
      return 'microphone';
    default:
      return 'network';
  }
}

export function startVisitorCall(input: VisitorCallOptions, audio: HTMLAudioElement, onState: (state: VisitorCallState) => void): VisitorCall {
  const options = visitorCallSchema.parse(input);
  const domain = options.uri.split('@')[1]!;
  const ua = new UA({
    sockets: [new WebSocketInterface(options.wsUrl)],
    uri: options.uri,
    authorization_user: options.authorizationUsername,
    password: options.password,
    register: false,
    session_timers: false,
    ...(options.displayName ? { display_name: options.displayName } : {}),
  });
  let session: RTCSession | null = null;
  let over = false;
  const finish = (state: VisitorCallState): void => {
    if (over) return;
    over = true;
    onState(state);
    audio.srcObject = null;
    // Let the BYE or CANCEL leave before the socket closes.
    setTimeout(() => ua.stop(), 500);
  };

  ua.on('connected', () => {
    if (session || over) return;
    onState({ state: 'calling' });
    session = ua.call(`sip:${options.number}@${domain}`, {
      mediaConstraints: { audio: true, video: false },
      pcConfig: { iceServers: [] },
      rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
      // Given here: JsSIP creates the peer connection before call() returns.
      eventHandlers: {
        peerconnection: ({ peerconnection }: { peerconnection: RTCPeerConnection }) => {
          peerconnection.addEventListener('track', (event) => {
            audio.srcObject = event.streams[0] ?? new MediaStream([event.track]);
            void audio.play().catch(() => undefined);
          });
        },
      },
    });
    session.on('confirmed', () => onState({ state: 'connected' }));
    session.on('ended', () => finish({ state: 'ended' }));
    session.on('failed', ({ cause }: { cause?: string }) => finish(cause === 'Canceled' ? { state: 'ended' } : { state: 'failed', reason: reasonOf(cause) }));
  });
  ua.on('disconnected', () => {
    if (!session) finish({ state: 'failed', reason: 'network' });
  });
  ua.start();

  return {
    hangUp() {
      if (session && !session.isEnded()) session.terminate();
      else finish({ state: 'ended' });
    },
  };
}
