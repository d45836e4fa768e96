import type { CallQuality, CallQualityGrade } from '../../../shared/domain/call';

/** One second of a call's media, as measured from WebRTC statistics. */
export interface QualitySample {
  jitterMs: number;
  /** Packets lost in this second as a percentage of packets expected, 0–100. */
  lossPct: number;
  /** Round-trip time; null until RTCP has measured one. */
  rttMs: number | null;
}

/** What hurts the call most, for a plain-language hint; null when nothing does. */
export type QualityProblem = 'loss' | 'jitter' | 'latency';

// Simplified ITU-T G.107 E-model as used for VoIP monitoring: R0 with no other impairments,
// delay impairment Id from the one-way effective latency, and equipment impairment Ie-eff
// from packet loss with packet-loss concealment (Ie 0, Bpl 25.1 as for G.711 with PLC;
// Opus conceals at least as well, so this errs on the strict side).
const R0 = 93.2;
const BPL = 25.1;
/** A jitter buffer adds about twice the jitter to the delay; codec and framing add ~10 ms. */
const JITTER_BUFFER_FACTOR = 2;
const CODEC_DELAY_MS = 10;

export function rFactor(sample: QualitySample): number {
  const oneWay = (sample.rttMs ?? 0) / 2 + JITTER_BUFFER_FACTOR * sample.jitterMs + CODEC_DELAY_MS;
  const id = oneWay < 160 ? oneWay / 40 : (oneWay - 120) / 10;
  const loss = Math.min(100, Math.max(0, sample.lossPct));
  const ieEff = (95 * loss) / (loss + BPL);
  return Math.min(100, Math.max(0, R0 - id - ieEff));
}

export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return Math.min(4.5, Math.max(1, 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r)));
}

/** MOS 4.0 is "satisfied" for most users (R ≈ 80); below 3.6 (R ≈ 70) many are dissatisfied. */
export function gradeOf(mos: number): CallQualityGrade {
  if (mos >= 4.0) return 'good';
  if (mos >= 3.6) return 'fair';
  return 'poor';
}

function gradeSample(sample: QualitySample): { mos: number; sample: QualitySample } {
  return { mos: mosFromR(rFactor(sample)), sample };
}

const round = (value: number, places: number): number => Math.round(value * 10 ** places) / 10 ** places;

/**
 * Grades a call (or a stretch of one) from its one-second samples. The call record keeps the
 * worst second: an agent and a supervisor want to know a call broke up, not that it averaged fine.
 * Returns null when there is nothing to grade yet.
 */
export function gradeCall(samples: readonly QualitySample[]): CallQuality | null {
  if (samples.length === 0) return null;
  const worst = samples.map(gradeSample).reduce((a, b) => (b.mos < a.mos ? b : a));
  const mos = round(worst.mos, 2);
  return {
    mos,
    grade: gradeOf(mos),
    jitterMs: round(Math.max(0, worst.sample.jitterMs), 1),
    lossPct: round(Math.min(100, Math.max(0, worst.sample.lossPct)), 2),
    rttMs: worst.sample.rttMs === null ? null : round(Math.max(0, worst.sample.rttMs), 1),
    samples: samples.length,
  };
}

/** The impairment that costs the most R, when the call is not good. */
export function mainProblem(quality: Pick<CallQuality, 'grade' | 'jitterMs' | 'lossPct' | 'rttMs'>): QualityProblem | null {
  if (quality.grade === 'good') return null;
  const base: QualitySample = { jitterMs: 0, lossPct: 0, rttMs: 0 };
  const cost = {
    loss: R0 - rFactor({ ...base, lossPct: quality.lossPct }),
    jitter: R0 - rFactor({ ...base, jitterMs: quality.jitterMs }),
    latency: R0 - rFactor({ ...base, rttMs: quality.rttMs }),
  };
  return (Object.keys(cost) as QualityProblem[]).reduce((a, b) => (cost[b] > cost[a] ? b : a));
}
