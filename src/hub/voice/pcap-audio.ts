/**
 * Turns rtpengine's pcap recordings of a call into one listenable WAV file. rtpengine (pcap method,
 * userspace) writes a pcap file per recording segment: starting again after a pause begins a new
 * file. Each holds the RTP each party sent, already decrypted. The segments are laid on one
 * timeline by their capture times, so a paused span is silence of the length it lasted; within a
 * segment each stream is placed by its RTP timestamps. G.711 (PCMU, PCMA) is decoded; DTMF events
 * and payloads of other codecs are left out (silence). The result is 8 kHz 16-bit stereo: one
 * channel per party, in the order they were first heard.
 */

const SAMPLE_RATE = 8000;
/** Longest recording the hub assembles (4 hours); a longer timeline is cut there. */
const MAX_SAMPLES = SAMPLE_RATE * 3600 * 4;

export interface RtpPacket {
  /** Capture time, seconds since the epoch. */
  at: number;
  /** "address:port" that sent it: one party. */
  source: string;
  payloadType: number;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Uint8Array;
}

export class PcapFormatError extends Error {
  override name = 'PcapFormatError';
}

/** The RTP packets (UDP over IPv4 or IPv6) in one pcap file; anything else in it is skipped. */
export function readPcap(file: Uint8Array): RtpPacket[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.byteLength < 24) throw new PcapFormatError('not a pcap file: too short');
  const magic = view.getUint32(0, true);
  let little: boolean;
  let nano = false;
  if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) little = true;
  else if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) little = false;
  else throw new PcapFormatError('not a pcap file: unknown magic number');
  if (magic === 0xa1b23c4d || magic === 0x4d3cb2a1) nano = true;
  const linkType = view.getUint32(20, little) & 0xffff;
  // 1: Ethernet; 101, 228, 229: raw IP (rtpengine's "raw" format).
  const linkHeader = linkType === 1 ? 14 : linkType === 101 || linkType === 228 || linkType === 229 ? 0 : -1;
  if (linkHeader < 0) throw new PcapFormatError(`pcap link type ${linkType} is not Ethernet or raw IP`);
  const packets: RtpPacket[] = [];
  for (let off = 24; off + 16 <= file.byteLength; ) {
    const seconds = view.getUint32(off, little);
    const fraction = view.getUint32(off + 4, little);
    const included = view.getUint32(off + 8, little);
    const start = off + 16;
    off = start + included;
    if (off > file.byteLength) break;
    const packet = parseIpUdpRtp(file.subarray(start + linkHeader, start + included));
    if (packet) packets.push({ ...packet, at: seconds + fraction / (nano ? 1e9 : 1e6) });
  }
  return packets;
}

function parseIpUdpRtp(ip: Uint8Array): Omit<RtpPacket, 'at'> | null {
  if (ip.length < 20) return null;
  const view = new DataView(ip.buffer, ip.byteOffset, ip.byteLength);
  const version = ip[0]! >> 4;
  let udp: number;
  let source: string;
  if (version === 4) {
    if (ip[9] !== 17) return null;
    udp = (ip[0]! & 0x0f) * 4;
    source = `${ip[12]}.${ip[13]}.${ip[14]}.${ip[15]}`;
  } else if (version === 6) {
    if (ip.length < 40 || ip[6] !== 17) return null;
    udp = 40;
    const groups: string[] = [];
    for (let i = 8; i < 24; i += 2) groups.push(view.getUint16(i).toString(16));
    source = `[${groups.join(':')}]`;
  } else {
    return null;
  }
  if (ip.length < udp + 8 + 12) return null;
  const port = view.getUint16(udp);
  const rtp = udp + 8;
  if (ip[rtp]! >> 6 !== 2) return null;
  const csrc = ip[rtp]! & 0x0f;
  const extension = (ip[rtp]! & 0x10) !== 0;
  const payloadType = ip[rtp + 1]! & 0x7f;
  // RTCP shares the port when multiplexed: payload types 72–79 with the marker bit are its packet types.
  if (payloadType >= 72 && payloadType <= 79) return null;
  let payload = rtp + 12 + csrc * 4;
  if (extension) {
    if (ip.length < payload + 4) return null;
    payload += 4 + view.getUint16(payload + 2) * 4;
  }
  let end = ip.length;
  if ((ip[rtp]! & 0x20) !== 0) end -= ip[end - 1]!;
  if (end < payload) return null;
  return {
    source: `${source}:${port}`,
    payloadType,
    sequence: view.getUint16(rtp + 2),
    timestamp: view.getUint32(rtp + 4),
    ssrc: view.getUint32(rtp + 8),
    payload: ip.subarray(payload, end),
  };
}

/** ITU-T G.711 µ-law to 16-bit linear. */
export function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - t : t - 0x84;
}

/** ITU-T G.711 A-law to 16-bit linear. */
export function alawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  let t = (a & 0x0f) << 4;
  const segment = (a & 0x70) >> 4;
  if (segment === 0) t += 8;
  else if (segment === 1) t += 0x108;
  else t = (t + 0x108) << (segment - 1);
  return a & 0x80 ? t : -t;
}

const decoders: Record<number, (byte: number) => number> = { 0: ulawToLinear, 8: alawToLinear };

export interface AssembledAudio {
  wav: Buffer;
  durationMs: number;
  /** How many parties (channels with audio) were heard. */
  parties: number;
}

/**
 * Lays the segments (each one pcap file's packets, in recording order) on one timeline and mixes
 * each party into its own channel.
 */
export function assembleRecording(segments: RtpPacket[][]): AssembledAudio {
  const all = segments.flat();
  const audible = all.filter((p) => decoders[p.payloadType]);
  if (audible.length === 0) return { wav: wavFile([new Int16Array(0), new Int16Array(0)]), durationMs: 0, parties: 0 };
  let t0 = Infinity;
  for (const p of audible) t0 = Math.min(t0, p.at);
  const parties: string[] = [];
  for (const p of [...audible].sort((a, b) => a.at - b.at)) if (!parties.includes(p.source)) parties.push(p.source);
  const channelOf = (source: string): number => Math.min(parties.indexOf(source), 1);

  let length = 0;
  const placed: Array<{ channel: number; start: number; samples: Int16Array }> = [];
  for (const segment of segments) {
    // Per party and stream: anchored at its first packet's capture time, then by RTP timestamp.
    const anchors = new Map<string, { at: number; timestamp: number }>();
    for (const p of segment) {
      const decode = decoders[p.payloadType];
      if (!decode) continue;
      const key = `${p.source}/${p.ssrc}`;
      let anchor = anchors.get(key);
      if (!anchor) anchors.set(key, (anchor = { at: p.at, timestamp: p.timestamp }));
      const offset = (p.timestamp - anchor.timestamp) >>> 0;
      // A timestamp far from the capture time (a jump in the stream) re-anchors on the capture time.
      const byClock = Math.round((p.at - t0) * SAMPLE_RATE);
      const byStamp = Math.round((anchor.at - t0) * SAMPLE_RATE) + offset;
      const start = Math.abs(byStamp - byClock) > SAMPLE_RATE ? byClock : byStamp;
      if (start < 0 || start >= MAX_SAMPLES) continue;
      const samples = new Int16Array(p.payload.length);
      for (let i = 0; i < p.payload.length; i++) samples[i] = decode(p.payload[i]!);
      placed.push({ channel: channelOf(p.source), start, samples });
      length = Math.max(length, Math.min(MAX_SAMPLES, start + samples.length));
    }
  }
  const channels = [new Int16Array(length), new Int16Array(length)];
  for (const { channel, start, samples } of placed) {
    const target = channels[channel]!;
    for (let i = 0; i < samples.length && start + i < length; i++) {
      // A third party (a conference) shares the second channel: summed, clipped.
      target[start + i] = Math.max(-32768, Math.min(32767, target[start + i]! + samples[i]!));
    }
  }
  return { wav: wavFile(channels), durationMs: Math.round((length / SAMPLE_RATE) * 1000), parties: parties.length };
}

/** 16-bit PCM WAV, channels interleaved. */
export function wavFile(channels: Int16Array[]): Buffer {
  const frames = channels[0]?.length ?? 0;
  const count = channels.length;
  const data = frames * count * 2;
  const out = Buffer.alloc(44 + data);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + data, 4);
  out.write('WAVE', 8, 'latin1');
  out.write('fmt ', 12, 'latin1');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(count, 22);
  out.writeUInt32LE(SAMPLE_RATE, 24);
  out.writeUInt32LE(SAMPLE_RATE * count * 2, 28);
  out.writeUInt16LE(count * 2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(data, 40);
  let at = 44;
  for (let i = 0; i < frames; i++) {
    for (const channel of channels) {
      out.writeInt16LE(channel[i]!, at);
      at += 2;
    }
  }
  return out;
}
