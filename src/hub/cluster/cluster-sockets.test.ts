import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../shared/log';
import { HUB_PROTOCOL_VERSION, type HubServerFrameInput } from '../../shared/protocol/hub-protocol';
import { createSocketRegistry, type AgentConnection } from '../socket-registry';
import { createLocalPresence } from './cluster-presence';
import { createLocalSignalGroup } from './cluster-signals';
import { createClusterSockets } from './cluster-sockets';

/** A desktop's socket as the registry sees it: what it was sent, and whether it was closed. */
function desktop(sessionId: string) {
  const sent: HubServerFrameInput[] = [];
  const closed: number[] = [];
  const connection: AgentConnection = { sessionId, send: (frame) => sent.push(frame), close: (code) => closed.push(code) };
  return { connection, sent, closed };
}

function twoInstances() {
  const group = createLocalSignalGroup();
  const make = () => {
    const presence = createLocalPresence();
    return { sockets: createClusterSockets(createSocketRegistry(), { signals: group.join(), presence, log: createMemoryLogger(), refreshMs: 60_000, staleMs: 60_000 }), presence };
  };
  return [make(), make()] as const;
}

describe('agent sockets across a cluster’s instances', () => {
  it('a sign-in on one instance replaces the older socket on another, which then leaves without signing the agent out', async () => {
    const [a, b] = twoInstances();
    const first = desktop('s1');
    a.sockets.connect('agt_alice', first.connection);
    const second = desktop('s2');
    b.sockets.connect('agt_alice', second.connection);

    expect(first.sent).toEqual([expect.objectContaining({ type: 'bye', reason: 'replaced' })]);
    expect(first.closed).toEqual([4409]);
    expect(a.sockets.onlineAgentIds()).toEqual([]);
    // The gateway's close handler asks to disconnect: nothing to do, so it does not sign alice out.
    expect(a.sockets.disconnect('agt_alice', first.connection)).toBe(false);
    // Both instances know she is online: held by B.
    expect(b.sockets.onlineAgentIds()).toEqual(['agt_alice']);
    expect(a.sockets.isOnline('agt_alice')).toBe(true);
    expect(b.sockets.isOnline('agt_alice')).toBe(true);
    expect(second.closed).toEqual([]);
    expect(await a.presence.online()).toEqual(new Set());
    expect(await b.presence.online()).toEqual(new Set(['agt_alice']));
  });

  it('a frame for an agent held by another instance reaches them there, once', () => {
    const [a, b] = twoInstances();
    const bob = desktop('s1');
    b.sockets.connect('agt_bob', bob.connection);
    a.sockets.send('agt_bob', { v: HUB_PROTOCOL_VERSION, type: 'typing', conversationId: 'cnv_1', from: 'customer', agentId: null, active: true });
    expect(bob.sent).toEqual([expect.objectContaining({ type: 'typing', conversationId: 'cnv_1', from: 'customer' })]);
    // A frame for nobody connected anywhere goes nowhere.
    a.sockets.send('agt_nobody', { v: HUB_PROTOCOL_VERSION, type: 'typing', conversationId: 'cnv_1', from: 'customer', agentId: null, active: true });
    expect(bob.sent).toHaveLength(1);
  });

  it('the embedded hub alone behaves as a plain registry', () => {
    const group = createLocalSignalGroup();
    const only = createClusterSockets(createSocketRegistry(), { signals: group.join(), presence: createLocalPresence(), log: createMemoryLogger(), refreshMs: 60_000, staleMs: 60_000 });
    const first = desktop('s1');
    const second = desktop('s2');
    expect(only.connect('agt_alice', first.connection)).toBeNull();
    expect(only.connect('agt_alice', second.connection)).toBe(first.connection);
    // The gateway tells the older desktop it lost; the registry closes nothing by itself.
    expect(first.closed).toEqual([]);
    expect(only.onlineAgentIds()).toEqual(['agt_alice']);
  });
});
