/**
 * Local and remote media for both adapters: one clone of the outgoing stream
 * per call (so mute and hold never leak between calls), an outgoing override
 * per call, remote playback and output device, RFC 4733 DTMF through
 * RTCDTMFSender, and the client-side conference mixer.
 */
import { CallTable } from './call-table.js';
import { ConferenceMixer } from './conference-mixer.js';
import { SipEngineError, type DtmfMode, type PlaybackSource } from './sip-engine.js';

interface CallMedia {
  player: HTMLAudioElement | null;
  remote: MediaStream | null;
  playback: PlaybackSource;
  /** Sent instead of the microphone (setCallOutgoing); the caller owns it. */
  outgoing: MediaStream | null;
  /** What the sender carried before the first override, put back on restore. */
  originalTrack: MediaStreamTrack | null;
}

export abstract class MediaEngine<S> extends CallTable<S> {
  private readonly media = new Map<string, CallMedia>();
  /** Keyed by call id; may exist before the call does (JsSIP needs the stream first). */
  private readonly locals = new Map<string, MediaStream>();
  private readonly mixers = new Map<string, ConferenceMixer>();
  private outgoing: MediaStream | null = null;
  private microphone: Promise<MediaStream> | null = null;
  private outputDevice = '';

  protected abstract peerConnection(callId: string): RTCPeerConnection | undefined;

  protected callAdded(callId: string): void {
    this.media.set(callId, { player: null, remote: null, playback: 'remote', outgoing: null, originalTrack: null });
  }

  protected callAnswered(callId: string): void {
    this.attachRemote(callId);
    if (this.media.get(callId)?.outgoing) void this.applyOutgoing(callId);
  }

  protected callEnded(callId: string): void {
    void this.releaseCall(callId);
  }

  setOutgoingStream(stream: MediaStream | null): void {
    this.outgoing = stream;
  }

  /** A private clone per call: muting or holding one call never touches another. */
  protected async localStreamFor(callId: string): Promise<MediaStream> {
    const source = this.outgoing ?? (await (this.microphone ??= navigator.mediaDevices.getUserMedia({ audio: true, video: false })));
    const clone = source.clone();
    this.locals.set(callId, clone);
    return clone;
  }

  protected existingLocalStream(callId: string): MediaStream | undefined {
    return this.locals.get(callId);
  }

  getLocalStream(callId: string): MediaStream | null {
    return this.locals.get(callId) ?? null;
  }

  async setCallOutgoing(callId: string, stream: MediaStream | null): Promise<void> {
    this.requireCall(callId);
    if (this.mixers.has(callId)) throw new SipEngineError('bad_state', 'call is in a conference');
    if (stream && stream.getAudioTracks().length === 0) throw new SipEngineError('bad_target', 'stream has no audio track');
    const media = this.media.get(callId);
    if (!media) throw new SipEngineError('no_such_call', `no media for ${callId}`);
    media.outgoing = stream;
    await this.applyOutgoing(callId);
  }

  /** Puts the wanted track on the call's sender; before the call has one, updateCall does it on answer. */
  private async applyOutgoing(callId: string): Promise<void> {
    const media = this.media.get(callId);
    const sender = this.audioSender(callId);
    if (!media || !sender) return;
    if (media.outgoing && media.originalTrack === null) media.originalTrack = sender.track;
    const wanted = media.outgoing?.getAudioTracks()[0] ?? media.originalTrack ?? sender.track;
    if (!media.outgoing) media.originalTrack = null;
    if (sender.track !== wanted) await sender.replaceTrack(wanted);
    this.applyMute(callId);
  }

  setCallPlayback(callId: string, source: PlaybackSource): void {
    this.requireCall(callId);
    const media = this.media.get(callId);
    if (!media) throw new SipEngineError('no_such_call', `no media for ${callId}`);
    media.playback = source;
    this.attachRemote(callId);
    this.refreshPlayer(media);
  }

  getPlayback(callId: string): MediaStream | null {
    this.attachRemote(callId);
    const media = this.media.get(callId);
    return media ? this.playbackStream(media) : null;
  }

  private playbackStream(media: CallMedia): MediaStream | null {
    if (media.playback === 'remote') return media.remote;
    return media.playback === 'none' ? null : media.playback;
  }

  async getStats(callId: string): Promise<RTCStatsReport | null> {
    const pc = this.peerConnection(callId);
    return pc ? pc.getStats() : null;
  }

  async setOutputDevice(deviceId: string): Promise<void> {
    this.outputDevice = deviceId;
    await Promise.all([...this.media.values()].map((m) => (m.player ? this.routePlayer(m.player) : undefined)));
  }

  private async routePlayer(player: HTMLAudioElement): Promise<void> {
    // setSinkId is Chromium's; an unknown device must not cost the call its audio, so failures fall back to the default.
    await player.setSinkId(this.outputDevice).catch(() => player.setSinkId('').catch(() => undefined));
  }

  getRemoteStream(callId: string): MediaStream | null {
    this.attachRemote(callId);
    return this.media.get(callId)?.remote ?? null;
  }

  /**
   * Plays the remote audio. Chromium also needs the element for WebAudio to
   * read anything but silence from a remote WebRTC track.
   */
  private attachRemote(callId: string): void {
    const media = this.media.get(callId);
    const pc = this.peerConnection(callId);
    if (!media || !pc) return;
    const tracks = pc
      .getReceivers()
      .map((r) => r.track)
      .filter((t) => t.kind === 'audio');
    if (tracks.length === 0) return;
    const current = media.remote?.getAudioTracks() ?? [];
    if (current.length === tracks.length && current.every((t, i) => t === tracks[i])) return;
    media.remote = new MediaStream(tracks);
    this.refreshPlayer(media);
  }

  private refreshPlayer(media: CallMedia): void {
    if (typeof document === 'undefined') return;
    const stream = this.playbackStream(media);
    if (!media.player) {
      if (!stream) return;
      media.player = document.createElement('audio');
      media.player.autoplay = true;
      if (this.outputDevice) void this.routePlayer(media.player);
    }
    if (media.player.srcObject === stream) return;
    media.player.srcObject = stream;
    if (stream) void media.player.play().catch(() => undefined);
  }

  mute(callId: string): void {
    this.requireCall(callId);
    this.updateCall(callId, { muted: true });
    this.applyMute(callId);
  }

  unmute(callId: string): void {
    this.requireCall(callId);
    this.updateCall(callId, { muted: false });
    this.applyMute(callId);
  }

  /** Re-applied after hold/resume, because the SIP stacks re-enable tracks on resume. */
  protected applyMute(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    const mixer = this.mixers.get(callId);
    if (mixer) {
      mixer.setMicMuted(call.muted);
      return;
    }
    const enabled = !call.muted && !call.held;
    for (const track of this.locals.get(callId)?.getAudioTracks() ?? []) track.enabled = enabled;
    const sender = this.audioSender(callId);
    // An override (e.g. a supervision mix) carries more than our voice: mute acts on the microphone
    // clone above, which feeds the mix; hold silences the whole override.
    const override = this.media.get(callId)?.outgoing;
    if (override) for (const track of override.getAudioTracks()) track.enabled = !call.held;
    else if (sender?.track) sender.track.enabled = enabled;
  }

  protected audioSender(callId: string): RTCRtpSender | undefined {
    return this.peerConnection(callId)
      ?.getSenders()
      .find((s) => s.track?.kind === 'audio' || s.dtmf !== null);
  }

  /** RFC 4733 through RTCDTMFSender; false when the peer did not negotiate telephone-event. */
  protected sendRtpDtmf(callId: string, digits: string): boolean {
    const dtmf = this.audioSender(callId)?.dtmf;
    if (!dtmf || !dtmf.canInsertDTMF) return false;
    dtmf.insertDTMF(digits, 100, 70);
    return true;
  }

  protected chooseDtmfMode(callId: string): DtmfMode {
    if (this.requireConfig().dtmfMode === 'info') return 'info';
    const dtmf = this.audioSender(callId)?.dtmf;
    return dtmf?.canInsertDTMF ? 'rfc4733' : 'info';
  }

  /** Mixes two calls: each remote party hears us and the other remote party. */
  protected async mix(callIdA: string, callIdB: string): Promise<void> {
    if (callIdA === callIdB) throw new SipEngineError('bad_target', 'conference needs two different calls');
    if ([callIdA, callIdB].some((id) => this.media.get(id)?.outgoing)) {
      throw new SipEngineError('bad_state', 'a call already sends another stream');
    }
    const legs = [callIdA, callIdB].map((id) => {
      const sender = this.audioSender(id);
      const remote = this.getRemoteStream(id);
      if (!sender || !remote) throw new SipEngineError('bad_state', `call ${id} has no media yet`);
      return { sender, remote, originalTrack: sender.track };
    });
    const [a, b] = legs;
    if (!a || !b) throw new SipEngineError('bad_state', 'conference legs missing');
    const mic = await this.localStreamFor(`mix-${callIdA}`);
    this.locals.delete(`mix-${callIdA}`);
    const mixer = new ConferenceMixer(mic, [a, b]);
    await mixer.start();
    this.mixers.set(callIdA, mixer);
    this.mixers.set(callIdB, mixer);
    this.updateCall(callIdA, { conferenceWith: callIdB });
    this.updateCall(callIdB, { conferenceWith: callIdA });
    this.applyMute(callIdA);
  }

  private async releaseCall(callId: string): Promise<void> {
    const mixer = this.mixers.get(callId);
    if (mixer) {
      for (const [id, m] of this.mixers) {
        if (m === mixer) {
          this.mixers.delete(id);
          if (id !== callId) this.updateCall(id, { conferenceWith: undefined });
        }
      }
      await mixer.stop();
    }
    for (const track of this.locals.get(callId)?.getTracks() ?? []) track.stop();
    this.locals.delete(callId);
    const media = this.media.get(callId);
    if (media) {
      if (media.player) {
        media.player.pause();
        media.player.srcObject = null;
      }
      this.media.delete(callId);
    }
  }

  protected releaseMicrophone(): void {
    void this.microphone?.then((stream) => stream.getTracks().forEach((t) => t.stop()));
    this.microphone = null;
  }
}
