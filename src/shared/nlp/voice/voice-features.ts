/**
 * Per-speaker voice-agitation features from mono PCM (Float32Array in
 * [-1, 1]): loudness, pitch variability, a speaking-rate proxy, and how much
 * of the time the speaker was active. Pure functions so they run in the
 * renderer's audio worklet as well as in Node tests.
 */

export interface VoiceFeatureOptions {
  frameMs?: number;
  /** Frames quieter than this (dBFS) count as silence. */
  silenceDb?: number;
  minF0?: number;
  maxF0?: number;
}

export interface VoiceFeatures {
  /** Mean RMS level of active frames, dBFS; -100 when silent throughout. */
  loudnessDb: number;
  /** Standard deviation of F0 over voiced frames, in semitones. */
  pitchSpreadSemitones: number;
  /** Syllable-like energy peaks per second of active speech. */
  speakingRate: number;
  /** Share of frames above the silence threshold. */
  activeRatio: number;
  frames: number;
}

const DEFAULTS = { frameMs: 40, silenceDb: -45, minF0: 70, maxF0: 400 };

export function rmsDb(frame: Float32Array): number {
  if (frame.length === 0) return -100;
  let sum = 0;
  for (let i = 0; i < frame.length; i++) sum += frame[i]! * frame[i]!;
  return Math.max(-100, 10 * Math.log10(sum / frame.length + 1e-12));
}

/** Autocorrelation pitch estimate; undefined for unvoiced or noisy frames. */
export function estimateF0(frame: Float32Array, sampleRate: number, minF0 = DEFAULTS.minF0, maxF0 = DEFAULTS.maxF0): number | undefined {
  const minLag = Math.max(1, Math.floor(sampleRate / maxF0));
  const maxLag = Math.min(frame.length - 1, Math.ceil(sampleRate / minF0));
  if (maxLag <= minLag) return undefined;
  let energy = 0;
  for (let i = 0; i < frame.length; i++) energy += frame[i]! * frame[i]!;
  if (energy <= 1e-9) return undefined;
  let bestLag = -1;
  let best = 0;
  for (let lag = minLag; lag <= maxLag; lag++) {
    let acc = 0;
    for (let i = 0; i + lag < frame.length; i++) acc += frame[i]! * frame[i + lag]!;
    // Normalise by the overlap so long lags are not penalised for being long.
    const r = acc / energy / ((frame.length - lag) / frame.length);
    if (r > best) {
      best = r;
      bestLag = lag;
    }
  }
  // Below 0.5 correlation the frame is noise or consonants, not a pitch.
  return bestLag > 0 && best >= 0.5 ? sampleRate / bestLag : undefined;
}

export function splitFrames(pcm: Float32Array, sampleRate: number, frameMs: number): Float32Array[] {
  const size = Math.max(1, Math.round((sampleRate * frameMs) / 1000));
  const frames: Float32Array[] = [];
  for (let start = 0; start + size <= pcm.length; start += size) frames.push(pcm.subarray(start, start + size));
  return frames;
}

function std(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}

/** Counts local maxima of the smoothed energy envelope that stand out from the dips around them. */
function countSyllablePeaks(levels: readonly number[], silenceDb: number): number {
  const smooth = levels.map((_, i) => {
    const window = levels.slice(Math.max(0, i - 1), i + 2);
    return window.reduce((a, b) => a + b, 0) / window.length;
  });
  let peaks = 0;
  let lastValley = Infinity;
  let rising = false;
  for (let i = 1; i < smooth.length; i++) {
    const prev = smooth[i - 1]!;
    const cur = smooth[i]!;
    if (cur < prev) {
      if (rising && prev > silenceDb && prev - lastValley >= 3) peaks++;
      rising = false;
      lastValley = Math.min(lastValley === Infinity ? cur : lastValley, cur);
    } else if (cur > prev) {
      if (!rising) lastValley = prev;
      rising = true;
    }
  }
  return peaks;
}

export function analyzeSpeaker(pcm: Float32Array, sampleRate: number, options: VoiceFeatureOptions = {}): VoiceFeatures {
  const o = { ...DEFAULTS, ...options };
  const frames = splitFrames(pcm, sampleRate, o.frameMs);
  const levels = frames.map(rmsDb);
  const active = levels.filter((db) => db > o.silenceDb);
  const semitones: number[] = [];
  frames.forEach((frame, i) => {
    if (levels[i]! <= o.silenceDb) return;
    const f0 = estimateF0(frame, sampleRate, o.minF0, o.maxF0);
    if (f0 !== undefined) semitones.push(12 * Math.log2(f0 / 100));
  });
  const activeSeconds = (active.length * o.frameMs) / 1000;
  return {
    loudnessDb: active.length === 0 ? -100 : 10 * Math.log10(active.reduce((a, db) => a + 10 ** (db / 10), 0) / active.length),
    pitchSpreadSemitones: std(semitones),
    speakingRate: activeSeconds > 0 ? countSyllablePeaks(levels, o.silenceDb) / activeSeconds : 0,
    activeRatio: frames.length === 0 ? 0 : active.length / frames.length,
    frames: frames.length,
  };
}

/** Share of frames in which both speakers are active: interruptions and shouting over each other. */
export function talkOverRatio(
  agent: Float32Array,
  customer: Float32Array,
  sampleRate: number,
  options: VoiceFeatureOptions = {},
): number {
  const o = { ...DEFAULTS, ...options };
  const a = splitFrames(agent, sampleRate, o.frameMs).map(rmsDb);
  const c = splitFrames(customer, sampleRate, o.frameMs).map(rmsDb);
  const n = Math.min(a.length, c.length);
  if (n === 0) return 0;
  let both = 0;
  for (let i = 0; i < n; i++) if (a[i]! > o.silenceDb && c[i]! > o.silenceDb) both++;
  return both / n;
}
