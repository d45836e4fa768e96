/**
 * Bundles the widget's "Call us" client (src/renderer/widget-call, JsSIP) into one classic
 * script, out/widget/widget-call.js, which the hub serves at /widget/call.js. Part of
 * `npm run build`; the widget page itself has no build step.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const WIDGET_CALL_DIR = join(repoRoot, 'out', 'widget');

export async function buildWidgetCall(outDir: string = WIDGET_CALL_DIR): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    // JsSIP's debug module reads process.env in the browser.
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2020',
      minify: true,
      lib: { entry: join(repoRoot, 'src', 'renderer', 'widget-call', 'index.ts'), formats: ['iife'], name: 'SwitchboardWidgetCall', fileName: () => 'widget-call.js' },
    },
  });
  return join(outDir, 'widget-call.js');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`widget call client built: ${await buildWidgetCall(process.argv[2])}`);
}
