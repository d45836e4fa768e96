/** Tone WAVs that each party's fake microphone plays, made with sox at test time. */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const TONES = { customer: 440, agent: 1000, agent2: 1500 } as const;
export const ALL_TONES = Object.values(TONES);

export async function makeToneFiles(): Promise<{ dir: string; file(hz: number): string }> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-tones-'));
  for (const hz of ALL_TONES) {
    await run('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', join(dir, `tone-${hz}.wav`), 'synth', '20', 'sine', String(hz), 'vol', '0.5']).catch(
      (error: unknown) => {
        throw new Error(`sox failed (apt-get install sox): ${String(error)}`);
      },
    );
  }
  return { dir, file: (hz) => join(dir, `tone-${hz}.wav`) };
}
