import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureSystemDeps } from './system-deps';

/**
 * `npm test`: every check that proves the product, in one place. Each step runs even when an
 * earlier one failed, so one run shows every problem; the exit code is non-zero if any failed.
 */
interface Step {
  name: string;
  cmd: string;
  args: string[];
  /** Steps that exist only once their owner's script is in the tree. */
  when?: () => boolean;
}

const npx = (bin: string, ...args: string[]): Pick<Step, 'cmd' | 'args'> => ({ cmd: 'node_modules/.bin/' + bin, args });

const steps: Step[] = [
  { name: 'build (electron-vite: main, preload, renderer)', ...npx('electron-vite', 'build') },
  { name: "build (the widget's call client)", ...npx('tsx', 'scripts/build-widget-call.ts') },
  { name: 'lint (eslint, layering included)', ...npx('eslint', '.', '--max-warnings=0') },
  { name: 'typecheck (node, web and test projects)', ...npx('tsc', '-b') },
  { name: 'unit tests (vitest)', ...npx('vitest', 'run', '--exclude', 'tests/integration/**', '--exclude', 'tests/cluster/**') },
  // Crash and backlog tests drive real hub and host processes: one at a time, so load does not skew them.
  { name: 'integration tests (real hub and host processes)', ...npx('vitest', 'run', 'tests/integration', '--no-file-parallelism') },
  // Real PostgreSQL, Redis, HAProxy and Prometheus from apt, each started in a temporary folder: one file at a time.
  { name: 'cluster tests (@cluster: real PostgreSQL, Redis, HAProxy, Prometheus)', ...npx('vitest', 'run', 'tests/cluster', '--no-file-parallelism') },
  { name: 'end-to-end tests (Playwright, Debian Chromium)', ...npx('playwright', 'test') },
  { name: 'Electron end-to-end specs', ...npx('tsx', 'scripts/electron-check.ts'), when: () => existsSync('scripts/electron-check.ts') },
  { name: 'Electron security scan (electronegativity)', ...npx('tsx', 'scripts/electronegativity.ts'), when: () => existsSync('scripts/electronegativity.ts') },
];

try {
  ensureSystemDeps();
} catch (cause) {
  process.stderr.write(`\nnpm test cannot run: ${cause instanceof Error ? cause.message : String(cause)}\n`);
  process.exit(1);
}

const results: Array<{ name: string; ok: boolean; seconds: number }> = [];
for (const step of steps) {
  if (step.when && !step.when()) continue;
  process.stdout.write(`\n==> ${step.name}\n`);
  const started = Date.now();
  const run = spawnSync(step.cmd, step.args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  results.push({ name: step.name, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

process.stdout.write('\n==> Summary\n');
for (const r of results) process.stdout.write(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.seconds} s)\n`);
const failed = results.filter((r) => !r.ok).length;
process.stdout.write(`steps: ${results.length - failed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
