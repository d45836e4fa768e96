import { parseArgs } from 'node:util';
import { createLogger } from '../shared/log';
import { startHub } from './server';

/**
 * `npm run hub -- --port N --data-dir DIR [--demo]`. Prints one JSON line
 * `{"event":"listening","url":…}` on stdout when ready, so a parent process can wait for it.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7400' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    demo: { type: 'boolean', default: false },
    'offer-timeout-ms': { type: 'string' },
  },
});

const log = createLogger('hub', (line) => process.stderr.write(`${line}\n`));
const dataDir = values['data-dir'];
if (!dataDir) {
  process.stderr.write('usage: npm run hub -- --port N --data-dir DIR [--demo]\n');
  process.exit(2);
}

try {
  const hub = await startHub(
    {
      host: values.host,
      port: Number(values.port),
      dataDir,
      demo: values.demo,
      tokenSecret: process.env.HUB_TOKEN_SECRET,
      offerTimeoutMs: values['offer-timeout-ms'] ? Number(values['offer-timeout-ms']) : undefined,
    },
    log,
  );
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: hub.url, port: hub.port })}\n`);
  const stop = (): void => {
    void hub.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (cause) {
  log.log('error', 'hub failed to start', { detail: cause instanceof Error ? cause.message : String(cause) });
  process.exit(1);
}
