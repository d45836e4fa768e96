import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../shared/log';
import { startWebHost } from './web-host';

/** `npm run start:web [-- --port N --hub-url URL --data-dir DIR --minimal-demo --no-demo-traffic]`: the app in a browser tab. */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.SWITCHBOARD_WEB_PORT ?? '5180' },
    'hub-url': { type: 'string', default: process.env.SWITCHBOARD_HUB_URL },
    'data-dir': { type: 'string', default: process.env.SWITCHBOARD_DATA_DIR ?? join(homedir(), '.switchboard', 'web') },
    /** The embedded demo hub with its accounts and one VIP only, no desk of earlier conversations. */
    'minimal-demo': { type: 'boolean', default: false },
    'no-demo-traffic': { type: 'boolean', default: false },
  },
});

const log = createLogger('web-host', (line) => process.stderr.write(`${line}\n`));
const dataDir = resolve(values['data-dir']!);
mkdirSync(dataDir, { recursive: true });
const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

try {
  const host = await startWebHost({
    port: Number(values.port),
    rendererDir,
    dataDir,
    hubUrl: values['hub-url'],
    demo: { desk: !values['minimal-demo'], traffic: !values['no-demo-traffic'] },
    log,
  });
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: host.openUrl, hubUrl: host.hubUrl })}\n`);
  process.stdout.write(`\nSwitchboard is running. Open ${host.openUrl}\nCustomer chat widget: ${host.hubUrl}/widget\nPress Ctrl-C to stop.\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void host.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (cause) {
  log.log('error', 'web host failed to start', { detail: cause instanceof Error ? cause.message : String(cause) });
  process.exit(1);
}
