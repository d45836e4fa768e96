/**
 * What an upset caller on an ordinary phone sounds like to the voice-agitation monitor, as an
 * 8 kHz mono WAV a baresip phone plays as its microphone: first calm (quiet, nearly monotone,
 * unhurried), then agitated (loud, wandering in pitch, rattling along), after the shapes of the
 * harness's synthetic voice (tests/harness/pages/voice-agitation/speech-like-voice.ts). Made with
 * sox: a sine whose pitch a slow sine modulates (synth … fmod), loudness pulsing in syllables
 * (tremolo). Through the product's own feature extractor, 4 s windows read about −33 dBFS,
 * 0.1 semitone pitch spread, 2.8 syllables/s calm and −13.5 dBFS, 1.3 semitones, 5.8/s agitated:
 * the call scorer rates the agitated part about −0.97 against the calm one (alert at −0.75).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface Shape {
  seconds: number;
  /** Peak level, 0..1. */
  level: number;
  /** Pitch swings between these, in Hz. */
  lowHz: number;
  highHz: number;
  /** How often the pitch swings, per second. */
  swingsPerSecond: number;
  syllablesPerSecond: number;
}

const CALM = { level: 0.1, lowHz: 146, highHz: 154, swingsPerSecond: 0.4, syllablesPerSecond: 3 };
const AGITATED = { level: 0.9, lowHz: 150, highHz: 330, swingsPerSecond: 1.7, syllablesPerSecond: 6 };

async function part(file: string, shape: Shape): Promise<void> {
  // synth: a sine swept between the two pitches by a slower sine (fmod); tremolo: syllables, 80 % deep.
  await run('sox', [
    '-n', '-r', '8000', '-c', '1', '-b', '16', file,
    'synth', String(shape.seconds), 'sine', `${shape.lowHz}-${shape.highHz}`, 'sine', 'fmod', String(shape.swingsPerSecond),
    'tremolo', String(shape.syllablesPerSecond), '80',
    'gain', '-n', String(Math.round(20 * Math.log10(shape.level) * 10) / 10),
  ]);
}

/** Writes calm-then-agitated speech-like audio into `dir`; returns the file. */
export async function makeAgitatedCallerWav(dir: string, calmSeconds: number, agitatedSeconds: number): Promise<string> {
  const calm = join(dir, 'caller-calm.wav');
  const agitated = join(dir, 'caller-agitated.wav');
  const out = join(dir, 'caller-calm-then-agitated.wav');
  await part(calm, { ...CALM, seconds: calmSeconds });
  await part(agitated, { ...AGITATED, seconds: agitatedSeconds });
  await run('sox', [calm, agitated, out]);
  return out;
}
