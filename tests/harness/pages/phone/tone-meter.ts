import { toneLevels } from '../supervision-mixer/tone-levels';
/**
 * Measures how loud given frequencies are in a stream, in dB, with an
 * AnalyserNode. Tests compare the expected tone against the other parties'
 * tones rather than trusting absolute levels.
 */
export type ToneLevels = Record<string, number>;

export class ToneMeter {
  private readonly context = new AudioContext();
  private readonly analysers = new WeakMap<MediaStream, AnalyserNode>();
  /** Chromium feeds WebAudio silence from a remote track unless an element plays it too. */
  private readonly sinks = new WeakMap<MediaStream, HTMLAudioElement>();

  private analyserFor(stream: MediaStream): AnalyserNode {
    let analyser = this.analysers.get(stream);
    if (!analyser) {
      analyser = this.context.createAnalyser();
      analyser.fftSize = 8192;
      analyser.smoothingTimeConstant = 0;
      this.context.createMediaStreamSource(stream).connect(analyser);
      this.analysers.set(stream, analyser);
      const sink = document.createElement('audio');
      sink.muted = true;
      sink.autoplay = true;
      sink.srcObject = stream;
      void sink.play().catch(() => undefined);
      document.body.append(sink);
      this.sinks.set(stream, sink);
    }
    return analyser;
  }

  /** Peak dB near each frequency, averaged over `frames` snapshots ~50 ms apart. */
  async measure(stream: MediaStream, frequencies: number[], frames = 8): Promise<ToneLevels> {
    await this.context.resume();
    const analyser = this.analyserFor(stream);
    return toneLevels(this.context, analyser, frequencies, frames);
  }
}
