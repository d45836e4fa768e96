import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../shared/log';

/**
 * The widget's call client, bundled by `npm run build` (scripts/build-widget-call.ts) into
 * out/widget/widget-call.js: three folders up from this file under tsx, one from the hub bundle
 * in out/main. Read when first asked for and kept; a hub without it shows no "Call us" button
 * and says why once.
 */
export function loadWidgetCallScript(configured: string | undefined, log: Logger): () => Buffer | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = configured
    ? [configured]
    : [resolve(here, '..', '..', '..', 'out', 'widget', 'widget-call.js'), resolve(here, '..', 'widget', 'widget-call.js')];
  let loaded: Buffer | null | undefined;
  return () => {
    if (loaded !== undefined) return loaded;
    const file = candidates.find((f) => existsSync(f));
    loaded = file ? readFileSync(file) : null;
    if (!loaded) log.log('warn', 'the widget has no "Call us": its call client is not built (npm run build)', { looked: candidates.join(', ') });
    return loaded;
  };
}
