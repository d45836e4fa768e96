/** Chromium routes an audio element to a chosen output; older DOM typings lack it. */
interface SinkSelectable {
  setSinkId?: (sinkId: string) => Promise<void>;
}

const RATE = 8000;

/**
 * One ring cadence (two short bursts of 400 + 450 Hz, then a pause) as a 16-bit mono WAV, built
 * in memory so no audio file ships.
 */
export function ringCadenceWav(): Uint8Array<ArrayBuffer> {
  const bursts: Array<[number, number]> = [
    [0, 0.4],
    [0.6, 1.0],
  ];
  const seconds = 3;
  const count = RATE * seconds;
  const bytes = new Uint8Array(44 + count * 2);
  const view = new DataView(bytes.buffer);
  const text = (at: number, value: string) => [...value].forEach((ch, i) => view.setUint8(at + i, ch.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + count * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, RATE, true);
  view.setUint32(28, RATE * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, count * 2, true);
  for (let i = 0; i < count; i++) {
    const t = i / RATE;
    const on = bursts.some(([from, to]) => t >= from && t < to);
    const sample = on ? 0.25 * (Math.sin(2 * Math.PI * 400 * t) + Math.sin(2 * Math.PI * 450 * t)) : 0;
    view.setInt16(44 + i * 2, Math.round(sample * 32767 * 0.5), true);
  }
  return bytes;
}

/** The ringtone for inbound calls, looping on the ringer device while a call rings. */
export class Ringtone {
  private audio: (HTMLAudioElement & SinkSelectable) | null = null;
  private sink: string | null = null;

  async start(ringerId: string): Promise<void> {
    if (!this.audio) {
      const blob = new Blob([ringCadenceWav()], { type: 'audio/wav' });
      this.audio = new Audio(URL.createObjectURL(blob));
      this.audio.loop = true;
    }
    const audio = this.audio;
    if (this.sink !== ringerId && audio.setSinkId) {
      this.sink = ringerId;
      // A ringer that was unplugged: ring on the default output rather than not at all.
      await audio.setSinkId(ringerId).catch(() => audio.setSinkId?.('').catch(() => undefined));
    }
    if (!audio.paused) return;
    // Browsers refuse to play before the page had a user gesture; the toast still shows.
    await audio.play().catch(() => undefined);
  }

  stop(): void {
    if (!this.audio || this.audio.paused) return;
    this.audio.pause();
    this.audio.currentTime = 0;
  }

  playing(): boolean {
    return this.audio !== null && !this.audio.paused;
  }
}
