import type { CallQuality } from '../../../shared/domain/call';
import { gradeCall, type QualitySample } from '../quality/e-model';
import { sampleFromStats, type StatsCounters, type StatsEntry } from '../quality/stats-sample';

/** The live badge reflects the last few seconds, so one bad second does not stick on screen. */
const LIVE_WINDOW = 3;
/** A call's samples are capped (about an hour) so a forgotten call cannot grow without bound. */
const MAX_SAMPLES = 3600;

interface Tracked {
  sipCallId: string;
  samples: QualitySample[];
  counters: StatsCounters | null;
  timer: ReturnType<typeof setInterval>;
}

/**
 * Reads each answered call's WebRTC statistics once a second, grades the recent seconds for the
 * live badge and the whole call for the record when it ends.
 */
export class CallQualityMonitor {
  private readonly tracked = new Map<string, Tracked>();

  constructor(
    private readonly deps: {
      getStats(callId: string): Promise<RTCStatsReport | null>;
      onLive(callId: string, quality: CallQuality): void;
      onFinal(sipCallId: string, quality: CallQuality): void;
      intervalMs?: number;
    },
  ) {}

  track(callId: string, sipCallId: string): void {
    if (this.tracked.has(callId)) return;
    const entry: Tracked = { sipCallId, samples: [], counters: null, timer: setInterval(() => void this.sample(callId), this.deps.intervalMs ?? 1000) };
    this.tracked.set(callId, entry);
  }

  finish(callId: string): void {
    const entry = this.tracked.get(callId);
    if (!entry) return;
    clearInterval(entry.timer);
    this.tracked.delete(callId);
    const quality = gradeCall(entry.samples);
    if (quality) this.deps.onFinal(entry.sipCallId, quality);
  }

  private async sample(callId: string): Promise<void> {
    const entry = this.tracked.get(callId);
    if (!entry) return;
    const report = await this.deps.getStats(callId).catch(() => null);
    if (!report || this.tracked.get(callId) !== entry) return;
    const read = sampleFromStats(report.values() as Iterable<StatsEntry>, entry.counters);
    if (!read) return;
    entry.counters = read.counters;
    // The first read has no previous counters, so its loss covers the whole call so far: still fair.
    entry.samples.push(read.sample);
    if (entry.samples.length > MAX_SAMPLES) entry.samples.shift();
    const live = gradeCall(entry.samples.slice(-LIVE_WINDOW));
    if (live) this.deps.onLive(callId, { ...live, samples: entry.samples.length });
  }
}
