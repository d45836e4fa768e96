/**
 * Reads one speaker's audio from a MediaStream as consecutive frame stats (level and pitch).
 * An AnalyserNode keeps only the latest samples, so each read takes just the audio that arrived
 * since the previous one (by the context's clock) and cuts it into whole frames; the remainder
 * waits for the next read. A large buffer keeps that contiguous even when timers are throttled.
 */
import { analyzeFrame, decimate, type FrameStat } from '../../../shared/nlp/voice/voice-features';

/** 32768 samples is WebAudio's largest analyser: about 0.7 s at 48 kHz. */
const BUFFER_SIZE = 32768;

export interface SpeakerTapOptions {
  context: AudioContext;
  stream: MediaStream;
  frameMs: number;
  /**
   * Design §5: Chromium feeds WebAudio silence from a remote WebRTC stream unless an element
   * plays it too. Muted, so nobody hears it twice.
   */
  remote: boolean;
}

export class SpeakerTap {
  private readonly source: MediaStreamAudioSourceNode;
  private readonly analyser: AnalyserNode;
  private readonly sink: HTMLAudioElement | null = null;
  private readonly buffer = new Float32Array(BUFFER_SIZE);
  private readonly frameSamples: number;
  private lastTime: number;
  private pending = 0;

  constructor(private readonly options: SpeakerTapOptions) {
    const { context, stream } = options;
    if (stream.getAudioTracks().length === 0) throw new Error('voice agitation: the stream has no audio track');
    if (options.remote) {
      const sink = document.createElement('audio');
      sink.muted = true;
      sink.autoplay = true;
      sink.hidden = true;
      sink.srcObject = stream;
      document.body.append(sink);
      void sink.play().catch(() => undefined);
      this.sink = sink;
    }
    this.source = context.createMediaStreamSource(stream);
    this.analyser = context.createAnalyser();
    this.analyser.fftSize = BUFFER_SIZE;
    this.source.connect(this.analyser);
    this.frameSamples = Math.round((context.sampleRate * options.frameMs) / 1000);
    this.lastTime = context.currentTime;
  }

  /** Stats for every whole frame that arrived since the last read, oldest first. */
  read(): FrameStat[] {
    const { context } = this.options;
    const now = context.currentTime;
    this.pending += Math.round((now - this.lastTime) * context.sampleRate);
    this.lastTime = now;
    const frames = Math.floor(this.pending / this.frameSamples);
    if (frames === 0) return [];
    this.pending -= frames * this.frameSamples;
    this.analyser.getFloatTimeDomainData(this.buffer);
    // The newest `pending` samples are an unfinished frame; whole frames end just before them.
    const end = BUFFER_SIZE - this.pending;
    const kept = Math.min(frames, Math.floor(end / this.frameSamples));
    const stats: FrameStat[] = [];
    for (let i = kept; i > 0; i--) {
      const start = end - i * this.frameSamples;
      const low = decimate(this.buffer.subarray(start, start + this.frameSamples), context.sampleRate);
      stats.push(analyzeFrame(low.pcm, low.sampleRate));
    }
    return stats;
  }

  close(): void {
    this.source.disconnect();
    this.analyser.disconnect();
    if (this.sink !== null) {
      this.sink.srcObject = null;
      this.sink.remove();
    }
  }
}
