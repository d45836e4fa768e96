import type { QualitySample } from './e-model';

/** The counters a sample is the difference of; kept per call between one-second reads. */
export interface StatsCounters {
  packetsReceived: number;
  packetsLost: number;
}

/** The fields of RTCStats this reads; a real RTCStatsReport's values fit. */
export interface StatsEntry {
  type: string;
  kind?: string;
  mediaType?: string;
  jitter?: number;
  packetsLost?: number;
  packetsReceived?: number;
  roundTripTime?: number;
  currentRoundTripTime?: number;
  nominated?: boolean;
  state?: string;
}

const isAudio = (s: StatsEntry): boolean => (s.kind ?? s.mediaType) === 'audio';

/**
 * Turns one read of a call's WebRTC statistics into a one-second sample: loss over the packets
 * that arrived since `previous`, the receive jitter now, and the RTT from RTCP (or from ICE when
 * RTCP has none yet). Returns null when the report has no incoming audio yet.
 */
export function sampleFromStats(
  entries: Iterable<StatsEntry>,
  previous: StatsCounters | null,
): { sample: QualitySample; counters: StatsCounters } | null {
  let inbound: StatsEntry | undefined;
  let remoteRtt: number | undefined;
  let pairRtt: number | undefined;
  for (const entry of entries) {
    if (entry.type === 'inbound-rtp' && isAudio(entry)) inbound = entry;
    else if (entry.type === 'remote-inbound-rtp' && isAudio(entry) && typeof entry.roundTripTime === 'number') remoteRtt = entry.roundTripTime;
    else if (entry.type === 'candidate-pair' && entry.nominated && entry.state === 'succeeded' && typeof entry.currentRoundTripTime === 'number')
      pairRtt = entry.currentRoundTripTime;
  }
  if (!inbound) return null;
  const counters: StatsCounters = { packetsReceived: inbound.packetsReceived ?? 0, packetsLost: Math.max(0, inbound.packetsLost ?? 0) };
  const received = counters.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = Math.max(0, counters.packetsLost - (previous?.packetsLost ?? 0));
  const expected = Math.max(0, received) + lost;
  const rttSeconds = remoteRtt ?? pairRtt;
  return {
    sample: {
      jitterMs: Math.max(0, (inbound.jitter ?? 0) * 1000),
      lossPct: expected > 0 ? (100 * lost) / expected : 0,
      rttMs: rttSeconds === undefined ? null : rttSeconds * 1000,
    },
    counters,
  };
}
