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
  const r = new Float32Array(maxLag + 2);
  let best = 0;
  for (let lag = minLag; lag <= maxLag + 1 && lag < frame.length; lag++) {
    let acc = 0;
    for (let i = 0; i + lag < frame.length; i++) acc += frame[i]! * frame[i + lag]!;
    // Normalise by the overlap so long lags are not penalised for being long.
    r[lag] = acc / energy / ((frame.length - lag) / frame.length);
    if (lag <= maxLag) best = Math.max(best, r[lag]!);
  }
  // Below 0.5 correlation the frame is noise or consonants, not a pitch.
  if (best < 0.5) return undefined;
  // Every multiple of the period correlates about as well as the period itself; the first
  // peak close to the best one is the pitch, which avoids octave-down jumps that would read
  // as wild pitch variability.
  for (let lag = minLag; lag <= maxLag; lag++) {
    const here = r[lag]!;
    const isPeak = here >= r[lag - 1]! && here >= r[lag + 1]!;
    if (isPeak && here >= 0.9 * best) return sampleRate / refinePeak(r[lag - 1]!, here, r[lag + 1]!, lag);
  }
  return undefined;
}

/** Parabolic interpolation between integer lags, so pitch steps are not quantised to whole samples. */
function refinePeak(before: number, at: number, after: number, lag: number): number {
  const curvature = before - 2 * at + after;
  if (curvature >= 0) return lag;
  return lag + (0.5 * (before - after)) / curvature;
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

/** What one frame contributes: its level and, when voiced, its pitch. */
export interface FrameStat {
  db: number;
  f0?: number;
}

/**
 * Level and pitch of one frame. Live audio arrives one frame at a time (an
 * AnalyserNode snapshot), so this is the unit both paths share.
 */
export function analyzeFrame(frame: Float32Array, sampleRate: number, options: VoiceFeatureOptions = {}): FrameStat {
  const o = { ...DEFAULTS, ...options };
  const db = rmsDb(frame);
  if (db <= o.silenceDb) return { db };
  const f0 = estimateF0(frame, sampleRate, o.minF0, o.maxF0);
  return f0 === undefined ? { db } : { db, f0 };
}

/** Folds consecutive frame stats (each `frameMs` long) into a speaker's features. */
export function featuresFromFrames(stats: readonly FrameStat[], options: VoiceFeatureOptions = {}): VoiceFeatures {
  const o = { ...DEFAULTS, ...options };
  const levels = stats.map((s) => s.db);
  const active = levels.filter((db) => db > o.silenceDb);
  const semitones: number[] = [];
  for (const s of stats) if (s.db > o.silenceDb && s.f0 !== undefined) semitones.push(12 * Math.log2(s.f0 / 100));
  const activeSeconds = (active.length * o.frameMs) / 1000;
  return {
    loudnessDb: active.length === 0 ? -100 : 10 * Math.log10(active.reduce((a, db) => a + 10 ** (db / 10), 0) / active.length),
    pitchSpreadSemitones: std(semitones),
    speakingRate: activeSeconds > 0 ? countSyllablePeaks(levels, o.silenceDb) / activeSeconds : 0,
    activeRatio: stats.length === 0 ? 0 : active.length / stats.length,
    frames: stats.length,
  };
}

export function analyzeSpeaker(pcm: Float32Array, sampleRate: number, options: VoiceFeatureOptions = {}): VoiceFeatures {
  const o = { ...DEFAULTS, ...options };
  const stats = splitFrames(pcm, sampleRate, o.frameMs).map((frame) => analyzeFrame(frame, sampleRate, o));
  return featuresFromFrames(stats, o);
}

/** Share of frames (paired in time) in which both speakers are active. */
export function talkOverFromLevels(agentDb: readonly number[], customerDb: readonly number[], options: VoiceFeatureOptions = {}): number {
  const silenceDb = options.silenceDb ?? DEFAULTS.silenceDb;
  const n = Math.min(agentDb.length, customerDb.length);
  if (n === 0) return 0;
  let both = 0;
  for (let i = 0; i < n; i++) if (agentDb[i]! > silenceDb && customerDb[i]! > silenceDb) both++;
  return both / n;
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
  return talkOverFromLevels(a, c, o);
}

/**
 * Box-filter decimation to about `targetRate`. Pitch lives under 400 Hz, so
 * 8 kHz is plenty, and autocorrelation at 48 kHz would cost 36 times more.
 */
export function decimate(pcm: Float32Array, sampleRate: number, targetRate = 8000): { pcm: Float32Array; sampleRate: number } {
  const factor = Math.max(1, Math.floor(sampleRate / targetRate));
  if (factor === 1) return { pcm, sampleRate };
  const out = new Float32Array(Math.floor(pcm.length / factor));
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let j = 0; j < factor; j++) sum += pcm[i * factor + j]!;
    out[i] = sum / factor;
  }
  return { pcm: out, sampleRate: sampleRate / factor };
}
