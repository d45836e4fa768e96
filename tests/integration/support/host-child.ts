import { parseArgs } from 'node:util';
import { AgentSession } from '../../../src/host/agent-session';
import { createLogger } from '../../../src/shared/log';

/**
 * The host services in their own process, so a test can kill -9 them mid-send. Prints one JSON
 * line per event on stdout: `queued` once every reply is in the outbox, `sent` per acknowledged
 * reply, `drained` when nothing is left to send.
 */
const { values } = parseArgs({
  options: {
    'hub-url': { type: 'string' },
    'data-dir': { type: 'string' },
    conversation: { type: 'string' },
    count: { type: 'string', default: '0' },
  },
});
const say = (event: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(event)}\n`);
const log = createLogger('host-child', (line) => process.stderr.write(`${line}\n`), 'warn');
const sent = new Set<string>();
const session = new AgentSession({
  hubUrl: values['hub-url']!,
  dataDir: values['data-dir']!,
  log,
  listener: {
    connection: (state) => {
      if (state.status === 'online' && state.pendingActions === 0 && state.sync === null) say({ event: 'drained' });
    },
    agent: () => undefined,
    conversation: () => undefined,
    customer: () => undefined,
    message: (m) => {
      // Either the ack or the hub's own copy may tell first; count each reply once, by its key.
      if (m.direction !== 'out' || m.delivery !== 'sent' || !m.key || sent.has(m.key)) return;
      sent.add(m.key);
      say({ event: 'sent', n: sent.size });
    },
    offer: () => undefined,
    offerRevoked: () => undefined,
  },
});
const login = await session.login('sam', 'switchboard');
if (!login.ok) {
  say({ event: 'error', message: login.error.message });
  process.exit(1);
}
const count = Number(values.count);
for (let i = 0; i < count; i++) {
  const queued = await session.sendMessage(values.conversation!, `host crash reply ${i}`, false);
  if (!queued.ok) {
    say({ event: 'error', message: queued.error.message });
    process.exit(1);
  }
}
say({ event: 'queued', count });
