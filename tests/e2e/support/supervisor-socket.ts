import WebSocket from 'ws';
import { randomUUID } from 'node:crypto';
import { SUPERVISOR_PROTOCOL_VERSION, SUPERVISOR_WS_PATH, type SupervisorRequestInput } from '../../../src/shared/protocol/supervisor-protocol';

/** A supervisor's own socket to a real hub, as the desktop's host service keeps it: hello with the token, then requests. */
export async function supervisorSocket(hubUrl: string, token: string) {
  const ws = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}${SUPERVISOR_WS_PATH}`);
  const frames: Array<Record<string, unknown>> = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ v: SUPERVISOR_PROTOCOL_VERSION, type: 'hello', token }));
  const waitFor = async (match: (f: Record<string, unknown>) => boolean, what: string, timeoutMs = 10_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = frames.find(match);
      if (found) return found;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await waitFor((f) => f.type === 'welcome', 'the welcome');
  return {
    frames,
    waitFor,
    async request(request: SupervisorRequestInput): Promise<unknown> {
      const rid = randomUUID();
      ws.send(JSON.stringify({ v: SUPERVISOR_PROTOCOL_VERSION, type: 'request', rid, request }));
      const reply = (await waitFor((f) => f.type === 'reply' && f.rid === rid, request.kind)) as { result: { ok: boolean; value?: unknown; error?: unknown } };
      if (!reply.result.ok) throw new Error(`${request.kind} refused: ${JSON.stringify(reply.result.error)}`);
      return reply.result.value;
    },
    close: () => ws.close(),
  };
}
