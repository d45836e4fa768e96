import { describe, expect, it } from 'vitest';
import { alawToLinear, assembleRecording, readPcap, ulawToLinear } from './pcap-audio';

/** G.711 µ-law encoder (the test's own: the code under test only decodes). */
function linearToUlaw(sample: number): number {
  const BIAS = 0x84;
  let sign = 0;
  let s = sample;
  if (s < 0) {
    s = -s;
    sign = 0x80;
  }
  s = Math.min(s, 32635) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

interface Sent {
  at: number;
  port: number;
  seq: number;
  ts: number;
  freq: number;
}

/** A pcap (Ethernet link type, as rtpengine's eth format) of 20 ms PCMU packets. */
function pcap(packets: Sent[]): Uint8Array {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(24);
  head.writeUInt32LE(0xa1b2c3d4, 0);
  head.writeUInt16LE(2, 4);
  head.writeUInt16LE(4, 6);
  head.writeUInt32LE(65535, 16);
  head.writeUInt32LE(1, 20);
  parts.push(head);
  for (const p of packets) {
    const payload = Buffer.alloc(160);
    for (let i = 0; i < 160; i++) payload[i] = linearToUlaw(Math.round(8000 * Math.sin((2 * Math.PI * p.freq * (p.ts + i)) / 8000)));
    const rtp = Buffer.alloc(12);
    rtp[0] = 0x80;
    rtp[1] = 0;
    rtp.writeUInt16BE(p.seq, 2);
    rtp.writeUInt32BE(p.ts >>> 0, 4);
    rtp.writeUInt32BE(p.port, 8);
    const udp = Buffer.alloc(8);
    udp.writeUInt16BE(p.port, 0);
    udp.writeUInt16BE(30000, 2);
    udp.writeUInt16BE(8 + 12 + 160, 4);
    const ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip[9] = 17;
    ip.set([127, 0, 0, 1], 12);
    ip.set([127, 0, 0, 1], 16);
    const eth = Buffer.alloc(14);
    const frame = Buffer.concat([eth, ip, udp, rtp, payload]);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Math.floor(p.at), 0);
    record.writeUInt32LE(Math.round((p.at % 1) * 1e6), 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    parts.push(record, frame);
  }
  return new Uint8Array(Buffer.concat(parts));
}

function stream(port: number, freq: number, from: number, seconds: number, firstTs = 0): Sent[] {
  return Array.from({ length: seconds * 50 }, (_, i) => ({ at: from + i * 0.02, port, seq: i, ts: firstTs + i * 160, freq }));
}

/** Power of one frequency in a span of one channel (Goertzel). */
function power(wav: Buffer, channel: number, fromS: number, toS: number, freq: number): number {
  const k = 2 * Math.cos((2 * Math.PI * freq) / 8000);
  let s1 = 0;
  let s2 = 0;
  for (let i = Math.floor(fromS * 8000); i < Math.floor(toS * 8000); i++) {
    const x = wav.readInt16LE(44 + (i * 2 + channel) * 2) / 32768;
    const s = x + k * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  return s1 * s1 + s2 * s2 - k * s1 * s2;
}

describe('pcap recordings to audio', () => {
  it('decodes G.711 as the standard says', () => {
    expect(ulawToLinear(0xff)).toBe(0);
    expect(ulawToLinear(0x00)).toBe(-32124);
    expect(ulawToLinear(0x80)).toBe(32124);
    expect(alawToLinear(0xd5)).toBe(8);
    expect(alawToLinear(0x2a)).toBe(-32256);
  });

  it('puts each party in a channel and a paused span as silence of its length', () => {
    const t = 1_800_000_000;
    // Segment 1: 0–2 s; paused 2–4 s; segment 2: 4–6 s (the streams went on meanwhile: timestamps moved on).
    const first = readPcap(pcap([...stream(40000, 440, t, 2), ...stream(40002, 1000, t + 0.01, 2, 5000)]));
    const second = readPcap(pcap([...stream(40000, 440, t + 4, 2, 32000), ...stream(40002, 1000, t + 4.01, 2, 37000)]));
    expect(first).toHaveLength(200);
    const { wav, durationMs, parties } = assembleRecording([first, second]);
    expect(parties).toBe(2);
    expect(durationMs).toBeGreaterThan(5900);
    expect(durationMs).toBeLessThan(6200);
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    for (const [from, to] of [
      [0.2, 1.8],
      [4.2, 5.8],
    ] as const) {
      expect(power(wav, 0, from, to, 440)).toBeGreaterThan(100 * power(wav, 0, from, to, 1000));
      expect(power(wav, 1, from, to, 1000)).toBeGreaterThan(100 * power(wav, 1, from, to, 440));
    }
    const loud = power(wav, 0, 0.2, 1.8, 440);
    expect(power(wav, 0, 2.2, 3.8, 440)).toBeLessThan(loud / 1e6);
    expect(power(wav, 1, 2.2, 3.8, 1000)).toBeLessThan(loud / 1e6);
  });

  it('refuses what is not a pcap file', () => {
    expect(() => readPcap(new Uint8Array(40))).toThrow(/pcap/);
  });
});
