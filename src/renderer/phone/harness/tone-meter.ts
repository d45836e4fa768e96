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
    const bins = new Float32Array(analyser.frequencyBinCount);
    const binHz = this.context.sampleRate / analyser.fftSize;
    const sums = frequencies.map(() => 0);
    for (let frame = 0; frame < frames; frame++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      analyser.getFloatFrequencyData(bins);
      frequencies.forEach((hz, index) => {
        const centre = Math.round(hz / binHz);
        let peak = -200;
        for (let bin = centre - 3; bin <= centre + 3; bin++) {
          const value = bins[bin];
          if (value !== undefined && Number.isFinite(value)) peak = Math.max(peak, value);
        }
        sums[index] = (sums[index] ?? 0) + peak;
      });
    }
    return Object.fromEntries(frequencies.map((hz, index) => [String(hz), (sums[index] ?? 0) / frames]));
  }
}
