/**
 * Client-side 3-way conference: no media server. Each of the two calls is sent
 * a WebAudio mix of our microphone and the other call's remote audio, so every
 * party hears the other two.
 */
export interface ConferenceLeg {
  sender: RTCRtpSender;
  remote: MediaStream;
  /** The track the call sent before mixing, restored when the mix ends. */
  originalTrack: MediaStreamTrack | null;
}

export class ConferenceMixer {
  private readonly context = new AudioContext();
  private readonly micGain: GainNode;
  private readonly micTrack: MediaStreamTrack;

  constructor(
    mic: MediaStream,
    private readonly legs: readonly [ConferenceLeg, ConferenceLeg],
  ) {
    const [micTrack] = mic.getAudioTracks();
    if (!micTrack) throw new Error('conference needs a microphone track');
    this.micTrack = micTrack;
    this.micGain = this.context.createGain();
    this.context.createMediaStreamSource(mic).connect(this.micGain);
  }

  async start(): Promise<void> {
    // The context may start suspended without a user gesture (hidden window).
    await this.context.resume();
    const [a, b] = this.legs;
    const mixFor = (other: ConferenceLeg): MediaStreamTrack => {
      const destination = this.context.createMediaStreamDestination();
      this.micGain.connect(destination);
      this.context.createMediaStreamSource(other.remote).connect(destination);
      const [track] = destination.stream.getAudioTracks();
      if (!track) throw new Error('WebAudio produced no track');
      return track;
    };
    await a.sender.replaceTrack(mixFor(b));
    await b.sender.replaceTrack(mixFor(a));
  }

  setMicMuted(muted: boolean): void {
    this.micGain.gain.value = muted ? 0 : 1;
  }

  /** Puts the original tracks back on the legs still up and frees the audio graph. */
  async stop(): Promise<void> {
    for (const leg of this.legs) {
      if (leg.sender.transport?.state !== 'closed') {
        await leg.sender.replaceTrack(leg.originalTrack).catch(() => undefined);
      }
    }
    this.micTrack.stop();
    await this.context.close();
  }
}
