/**
 * Peak dB near given frequencies in a stream, from an AnalyserNode. Tests compare one party's
 * tone against the others' at the same listener rather than trusting absolute levels.
 */
export async function toneLevels(context: AudioContext, analyser: AnalyserNode, frequencies: number[], frames = 10): Promise<Record<string, number>> {
  const bins = new Float32Array(analyser.frequencyBinCount);
  const binHz = context.sampleRate / analyser.fftSize;
  const sums = frequencies.map(() => 0);
  for (let frame = 0; frame < frames; frame++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    analyser.getFloatFrequencyData(bins);
    frequencies.forEach((hz, index) => {
      const centre = Math.round(hz / binHz);
      let peak = -200;
      for (let bin = centre - 3; bin <= centre + 3; bin++) {
        const level = bins[bin];
        if (level !== undefined && Number.isFinite(level)) peak = Math.max(peak, level);
      }
      sums[index] = (sums[index] ?? 0) + peak;
    });
  }
  return Object.fromEntries(frequencies.map((hz, index) => [String(hz), (sums[index] ?? 0) / frames]));
}
