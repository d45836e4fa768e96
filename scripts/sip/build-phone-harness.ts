/**
 * Bundles the phone engine test page (src/renderer/phone/harness) for
 * Chromium with Vite's API, without a repo-level Vite config.
 * Output: .tmp/phone-harness/ (or the directory given).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_HARNESS_DIR = join(repoRoot, '.tmp', 'phone-harness');

export async function buildPhoneHarness(outDir: string = DEFAULT_HARNESS_DIR): Promise<string> {
  await build({
    configFile: false,
    root: join(repoRoot, 'src', 'renderer', 'phone', 'harness'),
    base: './',
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: true,
      minify: false,
      target: 'es2022',
    },
  });
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildPhoneHarness(process.argv[2]);
  console.log(`phone harness built in ${out}`);
}
