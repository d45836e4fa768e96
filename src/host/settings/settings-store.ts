import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ShellSettings, ShellSettingsPatch } from '../../shared/contracts/shell-contract';
import type { Logger } from '../../shared/log';
import { describeZodError } from '../../shared/result';
import { applySettingsPatch, defaultSettings, settingsFileSchema, type SettingsFile } from './settings-schema';

export const SETTINGS_FILE_NAME = 'settings.json';

export interface SettingsStore {
  get(): ShellSettings;
  /** Validates, merges and writes; listeners hear the new settings. */
  update(patch: ShellSettingsPatch): ShellSettings;
  onChange(listener: (settings: ShellSettings) => void): () => void;
  /** Set when the file on disk was unreadable at start: it was kept aside and defaults are in use. */
  readonly loadProblem: string | null;
}

/**
 * Settings in `<dataDir>/settings.json`. A file that is not valid JSON or does not match the
 * schema is never half-used: it is renamed to `settings.json.invalid-<time>` so the user's
 * edits are not lost, and the defaults apply.
 */
export function openSettingsStore(dataDir: string, log: Logger, now: () => number = Date.now): SettingsStore {
  const path = join(dataDir, SETTINGS_FILE_NAME);
  let loadProblem: string | null = null;
  let settings = defaultSettings;

  if (existsSync(path)) {
    const problem = readProblem(path, (file) => (settings = file.settings));
    if (problem) {
      loadProblem = problem;
      const aside = `${path}.invalid-${now()}`;
      renameSync(path, aside);
      log.log('warn', 'settings file refused; defaults in use', { detail: problem, keptAs: aside });
    }
  }

  const listeners = new Set<(s: ShellSettings) => void>();
  return {
    get: () => settings,
    update(patch) {
      const next = applySettingsPatch(settings, patch);
      writeAtomically(path, `${JSON.stringify({ version: 1, settings: next } satisfies SettingsFile, null, 2)}\n`);
      settings = next;
      listeners.forEach((l) => l(next));
      return next;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get loadProblem() {
      return loadProblem;
    },
  };
}

function readProblem(path: string, accept: (file: SettingsFile) => void): string | null {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    return `not valid JSON (${cause instanceof Error ? cause.message : 'unreadable'})`;
  }
  const parsed = settingsFileSchema.safeParse(json);
  if (!parsed.success) return describeZodError(parsed.error);
  accept(parsed.data);
  return null;
}

/** Write-then-rename, so a crash mid-write leaves the old file, never half a file. */
export function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, path);
}
