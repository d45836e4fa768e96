/**
 * How loud each test tone is in a WAV file that a real phone wrote (baresip's sndfile recordings,
 * rtpengine's call recordings): a Goertzel filter per tone over a span of the first channel, in
 * dB relative to full scale. The file may still be growing, with its RIFF sizes not yet written.
 */
import { open } from 'node:fs/promises';

export type ToneLevels = Record<number, number>;

interface WavFormat {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  dataOffset: number;
}

function parseHeader(head: Buffer): WavFormat {
  if (head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let offset = 12;
  let format: Omit<WavFormat, 'dataOffset'> | null = null;
  while (offset + 8 <= head.length) {
    const id = head.toString('latin1', offset, offset + 4);
    const size = head.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      const audioFormat = head.readUInt16LE(offset + 8);
      if (audioFormat !== 1 && audioFormat !== 0xfffe) throw new Error(`WAV format ${audioFormat} is not PCM`);
      format = { channels: head.readUInt16LE(offset + 10), sampleRate: head.readUInt32LE(offset + 12), bitsPerSample: head.readUInt16LE(offset + 22) };
    }
    if (id === 'data') {
      if (!format) throw new Error('WAV data before fmt');
      return { ...format, dataOffset: offset + 8 };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('WAV header incomplete');
}

/** Goertzel power of `hz` in `samples` (floats in -1..1), as dBFS of a sine of that amplitude. */
export function toneDb(samples: Float32Array, sampleRate: number, hz: number): number {
  const n = samples.length;
  if (n === 0) return -200;
  const k = Math.round((n * hz) / sampleRate);
  const w = (2 * Math.PI * k) / n;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    // A Hann window keeps a strong neighbouring tone from leaking into this bin.
    const windowed = samples[i]! * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
    const s0 = windowed + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  const amplitude = (2 * Math.sqrt(Math.max(power, 0))) / (n * 0.5);
  return amplitude > 0 ? 20 * Math.log10(amplitude) : -200;
}

/** Reads `seconds` of samples of one channel (the first unless told) starting at `fromSecond` (negative: from the end). */
export async function readWavSpan(file: string, fromSecond: number, seconds: number, channel = 0): Promise<{ samples: Float32Array; sampleRate: number; durationSeconds: number }> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const format = parseHeader(head.subarray(0, bytesRead));
    if (format.bitsPerSample !== 16) throw new Error(`expected 16-bit samples, got ${format.bitsPerSample}`);
    const frameBytes = 2 * format.channels;
    const { size } = await handle.stat();
    const frames = Math.floor((size - format.dataOffset) / frameBytes);
    const durationSeconds = frames / format.sampleRate;
    const startFrame = Math.max(0, Math.floor((fromSecond < 0 ? durationSeconds + fromSecond : fromSecond) * format.sampleRate));
    const count = Math.max(0, Math.min(frames - startFrame, Math.floor(seconds * format.sampleRate)));
    const bytes = Buffer.alloc(count * frameBytes);
    await handle.read(bytes, 0, bytes.length, format.dataOffset + startFrame * frameBytes);
    const samples = new Float32Array(count);
    if (channel >= format.channels) throw new Error(`the file has ${format.channels} channels, not ${channel + 1}`);
    for (let i = 0; i < count; i++) samples[i] = bytes.readInt16LE(i * frameBytes + channel * 2) / 32768;
    return { samples, sampleRate: format.sampleRate, durationSeconds };
  } finally {
    await handle.close();
  }
}

/** Tone levels over the last `seconds` of the file; null while it holds less than that. */
export async function toneLevelsOfWav(file: string, tones: number[], seconds: number): Promise<ToneLevels | null> {
  const { samples, sampleRate } = await readWavSpan(file, -seconds, seconds);
  if (samples.length < sampleRate * seconds * 0.9) return null;
  return Object.fromEntries(tones.map((hz) => [hz, toneDb(samples, sampleRate, hz)]));
}
