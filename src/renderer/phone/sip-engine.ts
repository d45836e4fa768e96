/**
 * The phone engine contract. Library-neutral: the UI (and the RPC that carries
 * this to it) only ever sees the plain, serialisable values below, never a
 * sip.js or JsSIP object. Two implementations: sipjs-engine.ts (default) and
 * jssip-engine.ts.
 */
import { z } from 'zod';

export const dtmfModeSchema = z.enum(['rfc4733', 'info']);
export type DtmfMode = z.infer<typeof dtmfModeSchema>;

export const engineConfigSchema = z.object({
  /** ws:// or wss:// URL of the SIP proxy. */
  wsUrl: z.string().regex(/^wss?:\/\/\S+$/),
  /** Address of record, e.g. sip:agent-1@switchboard.test */
  uri: z.string().regex(/^sips?:[^@\s]+@[^\s]+$/),
  authorizationUsername: z.string().min(1),
  password: z.string().min(1),
  displayName: z.string().max(128).optional(),
  /** REGISTER expiry in seconds. */
  registerExpires: z.number().int().min(30).max(3600).default(300),
  /** RFC 4733 in-band events by default; INFO when the peer cannot take them. */
  dtmfMode: dtmfModeSchema.default('rfc4733'),
  /** ICE servers; loopback and LAN tests use none. */
  iceServers: z.array(z.object({ urls: z.union([z.string(), z.array(z.string())]) })).default([]),
});
export type EngineConfigInput = z.input<typeof engineConfigSchema>;
export type EngineConfig = z.output<typeof engineConfigSchema>;

/** Marks a call as a supervision leg; its value is the hub's supervision session id. */
export const SUPERVISION_HEADER = 'X-Switchboard-Supervision';
/** The hub's voice conversation a call belongs to; Kamailio adds it to INVITEs from the hub's routing answer. */
export const CONVERSATION_HEADER = 'X-Switchboard-Conversation';
/** The INVITE headers an inbound CallSnapshot reports (the engine reads only these). */
export const SNAPSHOT_HEADERS = [SUPERVISION_HEADER, CONVERSATION_HEADER] as const;

export const callOptionsSchema = z.object({
  /** Extra INVITE headers. Only X- headers, and no line breaks, so nothing can be smuggled into the request. */
  headers: z
    .record(z.string().regex(/^X-[A-Za-z0-9-]{1,64}$/), z.string().max(256).regex(/^[^\r\n]*$/))
    .default({}),
});
export type CallOptions = z.input<typeof callOptionsSchema>;

/** What is played to the user for a call: its remote audio, nothing, or a given stream (e.g. a mix). */
export type PlaybackSource = 'remote' | 'none' | MediaStream;

export type RegistrationState = 'unregistered' | 'registering' | 'registered' | 'failed';
export type TransportState = 'disconnected' | 'connecting' | 'connected';
export type CallDirection = 'inbound' | 'outbound';
/** dialing: outbound, no answer yet; ringing: inbound, alerting the agent. */
export type CallState = 'dialing' | 'ringing' | 'active' | 'ended';

export interface CallSnapshot {
  id: string;
  direction: CallDirection;
  state: CallState;
  /** The other party's SIP user and full URI. */
  remoteUser: string;
  remoteUri: string;
  remoteDisplayName?: string;
  /** The SIP Call-ID, for correlating with the hub's call events. */
  sipCallId: string;
  /** Epoch ms when the call was created (dialled or arrived). */
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
  /** We put the call on hold. */
  held: boolean;
  /** Our microphone is muted on this call. */
  muted: boolean;
  /** Set when this call was mixed into a 3-way conference with another call. */
  conferenceWith?: string;
  /** Set when this call replaced another (attended transfer target side). */
  replacedCallId?: string;
  endReason?: string;
  /** The SNAPSHOT_HEADERS an inbound INVITE carried, or the extra headers we dialled with. */
  headers?: Record<string, string>;
}

export type EngineEvent =
  | { type: 'registration'; state: RegistrationState; reason?: string }
  | { type: 'transport'; state: TransportState }
  /** After a dropped connection: registered again and every live call refreshed. */
  | { type: 'recovered'; calls: number }
  | { type: 'call'; call: CallSnapshot }
  | { type: 'dtmf'; callId: string; digit: string; via: DtmfMode }
  | { type: 'transfer'; callId: string; target: string; outcome: 'accepted' | 'failed' };

export interface SipEngine {
  readonly adapter: 'sipjs' | 'jssip';
  register(config: EngineConfigInput): Promise<void>;
  unregister(): Promise<void>;
  /** Starts an outbound call; resolves with the new call id once it is dialling. */
  call(target: string, options?: CallOptions): Promise<string>;
  answer(callId: string): Promise<void>;
  reject(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  hold(callId: string): Promise<void>;
  resume(callId: string): Promise<void>;
  mute(callId: string): void;
  unmute(callId: string): void;
  /** Sends digits; resolves with the mode actually used. */
  sendDtmf(callId: string, digits: string): Promise<DtmfMode>;
  blindTransfer(callId: string, target: string): Promise<void>;
  /** Puts callId on hold and dials target; returns the consultation call id. */
  startConsultation(callId: string, target: string): Promise<string>;
  /** Connects the held call to the consulted party (REFER with Replaces). */
  completeAttendedTransfer(callId: string, consultCallId: string): Promise<void>;
  /** Hangs up the consultation and resumes the original call. */
  cancelAttendedTransfer(callId: string, consultCallId: string): Promise<void>;
  /** Client-side 3-way: each remote party hears us and the other remote party. */
  conference(callIdA: string, callIdB: string): Promise<void>;
  /** Re-sends an offer on every active call (ICE restart), e.g. after a network change. */
  refreshCalls(): Promise<void>;
  getCalls(): CallSnapshot[];
  getRegistration(): RegistrationState;
  onEvent(listener: (event: EngineEvent) => void): () => void;
  /** Audio source for new calls; null means the default microphone. */
  setOutgoingStream(stream: MediaStream | null): void;
  /** What the far end sends us, for playback, recording and analysis. */
  getRemoteStream(callId: string): MediaStream | null;
  /** The call's own microphone (a private clone that follows mute and hold); null before it has media. */
  getLocalStream(callId: string): MediaStream | null;
  /**
   * Sends `stream` on the call instead of its own microphone, by RTCRtpSender.replaceTrack (no
   * re-INVITE); null puts the microphone back. Hold still silences it; mute silences only the microphone.
   */
  setCallOutgoing(callId: string, stream: MediaStream | null): Promise<void>;
  /** Chooses what the user hears on the call; 'remote' (the default) restores the far end's audio. */
  setCallPlayback(callId: string, source: PlaybackSource): void;
  /** What is being played to the user for the call now; null when nothing is. */
  getPlayback(callId: string): MediaStream | null;
  /** The call's WebRTC statistics (jitter, loss, RTT) for quality grading; null once it is gone. */
  getStats(callId: string): Promise<RTCStatsReport | null>;
  /** Where calls are heard: an audio output deviceId, '' for the system default. */
  setOutputDevice(deviceId: string): Promise<void>;
  dispose(): Promise<void>;
}

export class SipEngineError extends Error {
  constructor(
    readonly code: 'not_registered' | 'no_such_call' | 'bad_state' | 'bad_target' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'SipEngineError';
  }
}

export function isValidDtmf(digits: string): boolean {
  return /^[0-9A-Da-d*#,]{1,64}$/.test(digits);
}
