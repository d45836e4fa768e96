/**
 * Bundles a test page from this folder for Chromium with Vite's API, without a repo-level Vite config. The pages
 * live in the test tree, not under src/: electron-vite never sees them, so they stay out of the shipped app. The
 * e2e specs and the benches build the page they open before they open it.
 *
 * - `phone`: the phone engine (sip.js or JsSIP) with a test API on `window`, supervision legs and a tone meter.
 * - `supervision-mixer`: the SupervisionMixer over loopback WebRTC, with an AnalyserNode at each listener.
 * - `voice-agitation`: the voice agitation monitor reading a synthetic customer voice over WebRTC.
 * - `supervisor-console`: the real supervisor console against an in-page stand-in for the host service.
 *
 * `npx tsx tests/harness/pages/build-harness-page.ts phone [outDir]` builds one by hand (default .tmp/<page>/).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const pagesDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(pagesDir, '..', '..', '..');

export const harnessPages = ['phone', 'supervision-mixer', 'voice-agitation', 'supervisor-console'] as const;
export type HarnessPage = (typeof harnessPages)[number];

/** Builds `page` into `outDir` (emptied first) and returns `outDir`; its entry is `index.html`. */
export async function buildHarnessPage(page: HarnessPage, outDir: string = join(repoRoot, '.tmp', `${page}-harness`)): Promise<string> {
  await build({
    configFile: false,
    root: join(pagesDir, page),
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
  const page = harnessPages.find((p) => p === process.argv[2]);
  if (!page) throw new Error(`which page? one of ${harnessPages.join(', ')}`);
  console.log(`${page} harness built in ${await buildHarnessPage(page, process.argv[3])}`);
}
