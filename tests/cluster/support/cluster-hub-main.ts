import { createLogger } from '../../../src/shared/log';
import { startHub } from '../../../src/hub/server';
import type { HubConfigInput } from '../../../src/hub/config';

/**
 * One cluster instance in its own process, so a test can kill it with -9. Its configuration (the hub's own
 * schema checks it) comes as JSON in CLUSTER_HUB_CONFIG; it prints the cli's `listening` line when ready.
 * The real `npm run hub -- --redis` refuses until the PostgreSQL store exists (cluster-start.test.ts).
 */
const log = createLogger('hub', (line) => process.stderr.write(`${line}\n`));
const hub = await startHub(JSON.parse(process.env.CLUSTER_HUB_CONFIG ?? '{}') as HubConfigInput, log);
process.stdout.write(`${JSON.stringify({ event: 'listening', url: hub.url, port: hub.port })}\n`);
process.on('SIGTERM', () => void hub.close().then(() => process.exit(0)));
