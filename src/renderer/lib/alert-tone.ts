/** Chromium lets an AudioContext play to a chosen output; the DOM typings here do not know it yet. */
interface SinkSelectable {
  setSinkId?: (sinkId: string) => Promise<void>;
}

let context: AudioContext | null = null;

/**
 * Two short rising beeps made with WebAudio, so no audio file ships. Played on the ringer device
 * when one is chosen and the browser can route there; otherwise on the default output.
 */
export async function playAlertTone(ringerId: string): Promise<void> {
  context ??= new AudioContext();
  const ctx = context;
  if (ctx.state === 'suspended') await ctx.resume().catch(() => undefined);
  const sink = ctx as AudioContext & SinkSelectable;
  if (ringerId && sink.setSinkId) await sink.setSinkId(ringerId).catch(() => undefined);
  const start = ctx.currentTime + 0.02;
  [880, 1320].forEach((frequency, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    const t0 = start + i * 0.18;
    // A short attack and release: a bare on/off square of sound clicks.
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(0.2, t0 + 0.02);
    gain.gain.linearRampToValueAtTime(0, t0 + 0.15);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + 0.16);
  });
}
