/**
 * The who-hears-whom check of the supervision specs: at each listener, every tone it must hear
 * stands `margin` dB above every tone it must not (its own included), compared against the other
 * tones at the same listener rather than absolute levels. A listener who must hear nobody gets
 * every tone below `silenceDb`, as there is no heard tone to compare with.
 */
export type Levels = Record<string, number>;

export function whoHearsWhomProblems<P extends string>(
  label: string,
  tones: Record<P, number>,
  expected: Record<P, P[]>,
  levels: Record<P, Levels | null>,
  margin: number,
  silenceDb: number,
): string[] {
  const parties = Object.keys(tones) as P[];
  const problems: string[] = [];
  for (const listener of parties) {
    const at = levels[listener];
    const heard = expected[listener];
    if (!at) {
      if (heard.length > 0) problems.push(`${label}: ${listener} hears nothing at all`);
      continue;
    }
    const level = (p: P): number => at[String(tones[p])] ?? -200;
    const silent = parties.filter((p) => !heard.includes(p));
    if (heard.length === 0) {
      for (const speaker of silent) {
        if (level(speaker) > silenceDb) problems.push(`${label}: ${listener} must hear nobody, but ${speaker} is at ${level(speaker).toFixed(1)} dB`);
      }
      continue;
    }
    const loudestSilent = Math.max(...silent.map(level));
    const quietestHeard = Math.min(...heard.map(level));
    for (const speaker of heard) {
      if (level(speaker) < loudestSilent + margin) {
        problems.push(`${label}: ${listener} should hear ${speaker} (${level(speaker).toFixed(1)} dB vs loudest silent ${loudestSilent.toFixed(1)} dB)`);
      }
    }
    for (const speaker of silent) {
      if (level(speaker) > quietestHeard - margin) {
        problems.push(`${label}: ${listener} must not hear ${speaker} (${level(speaker).toFixed(1)} dB vs quietest heard ${quietestHeard.toFixed(1)} dB)`);
      }
    }
  }
  return problems;
}
