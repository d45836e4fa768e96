import { describe, expect, it } from 'vitest';
import { gradeCall, mainProblem, mosFromR, rFactor } from './e-model';
import { sampleFromStats } from './stats-sample';

const clean = { jitterMs: 2, lossPct: 0, rttMs: 20 };

describe('E-model grading', () => {
  it('grades a clean LAN call good, near the narrowband best', () => {
    const quality = gradeCall([clean, clean, clean]);
    expect(quality?.grade).toBe('good');
    expect(quality?.mos).toBeGreaterThan(4.3);
    expect(quality?.samples).toBe(3);
  });

  it('grades a call losing a few percent of its packets fair, and heavy loss poor, and names loss as the problem', () => {
    const fair = gradeCall([{ ...clean, lossPct: 5 }]);
    expect(fair?.grade).toBe('fair');
    expect(fair && mainProblem(fair)).toBe('loss');
    const poor = gradeCall([{ ...clean, lossPct: 12 }]);
    expect(poor?.grade).toBe('poor');
  });

  it('names latency when the round trip is long, and jitter when arrival is uneven', () => {
    const slow = gradeCall([{ jitterMs: 1, lossPct: 0, rttMs: 900 }]);
    expect(slow?.grade).toBe('poor');
    expect(slow && mainProblem(slow)).toBe('latency');
    const jittery = gradeCall([{ jitterMs: 150, lossPct: 0, rttMs: 20 }]);
    expect(jittery && mainProblem(jittery)).toBe('jitter');
  });

  it('keeps the worst second, so a call that broke up is not averaged into good', () => {
    const quality = gradeCall([clean, { ...clean, lossPct: 20 }, clean]);
    expect(quality?.grade).toBe('poor');
    expect(quality?.lossPct).toBe(20);
  });

  it('has nothing to grade without samples, and keeps MOS and R in range', () => {
    expect(gradeCall([])).toBeNull();
    expect(mosFromR(-5)).toBe(1);
    expect(mosFromR(120)).toBe(4.5);
    expect(rFactor({ jitterMs: 5000, lossPct: 100, rttMs: 10000 })).toBe(0);
    expect(gradeCall([{ jitterMs: 0, lossPct: 0, rttMs: null }])?.rttMs).toBeNull();
  });
});

describe('one-second samples from WebRTC statistics', () => {
  const report = (received: number, lost: number, extra: Array<{ type: string }> = []) => [
    { type: 'inbound-rtp', kind: 'audio', packetsReceived: received, packetsLost: lost, jitter: 0.004 },
    { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.03 },
    ...extra,
  ];

  it('measures loss over the packets since the previous read', () => {
    const first = sampleFromStats(report(50, 0), null);
    expect(first?.sample).toEqual({ jitterMs: 4, lossPct: 0, rttMs: 30 });
    const second = sampleFromStats(report(95, 5), first!.counters);
    expect(second?.sample.lossPct).toBe(10);
  });

  it('falls back to the ICE round trip, and has no sample before audio arrives', () => {
    const entries = [
      { type: 'inbound-rtp', kind: 'audio', packetsReceived: 10, packetsLost: 0, jitter: 0 },
      { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.002 },
    ];
    expect(sampleFromStats(entries, null)?.sample.rttMs).toBe(2);
    expect(sampleFromStats([{ type: 'inbound-rtp', kind: 'video' }], null)).toBeNull();
  });
});
