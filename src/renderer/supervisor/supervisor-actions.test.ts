import { beforeEach, describe, expect, it } from 'vitest';
import type { SupervisionSession } from '../../shared/protocol/supervisor-protocol';
import { err, ok, type Result } from '../../shared/result';
import { setMode, type SupervisorClient } from './supervisor-actions';
import { useSupervisorStore } from './supervisor-store';

const session = (id: string, mode: SupervisionSession['mode']): SupervisionSession => ({
  id, kind: 'call', supervisorId: 'agt_sam', supervisorName: 'Sam', agentId: 'agt_alice', conversationId: `conv_${id}`, mode, modes: [mode], startedAt: 1, endedAt: null,
});

/** A console client whose setMode answers when the test says so, as the hub does a moment later. */
function pendingClient() {
  let answer: (result: Result<SupervisionSession>) => void = () => undefined;
  const client = { setMode: () => new Promise<Result<SupervisionSession>>((resolve) => (answer = resolve)) } as unknown as SupervisorClient;
  return { client, answer: (result: Result<SupervisionSession>) => answer(result) };
}

const modes = () => useSupervisorStore.getState().sessions.map((s) => `${s.id}:${s.mode}`);

beforeEach(() => {
  useSupervisorStore.setState({ sessions: [session('a', 'monitor'), session('b', 'monitor')], error: null });
});

describe('switching the mode of a call session', () => {
  it('moves the radio at once, in place, and keeps the hub\'s answer', async () => {
    const hub = pendingClient();
    const done = setMode(hub.client, 'a', 'whisper');
    expect(modes()).toEqual(['a:whisper', 'b:monitor']);
    hub.answer(ok({ ...session('a', 'whisper'), modes: ['monitor', 'whisper'] }));
    await done;
    expect(modes()).toEqual(['a:whisper', 'b:monitor']);
    expect(useSupervisorStore.getState().sessions[0]!.modes).toEqual(['monitor', 'whisper']);
  });

  it('puts the radio back and shows why when the hub refuses', async () => {
    const hub = pendingClient();
    const done = setMode(hub.client, 'a', 'barge');
    hub.answer(err('not_found', 'the session has ended'));
    await done;
    expect(modes()).toEqual(['a:monitor', 'b:monitor']);
    expect(useSupervisorStore.getState().error).toMatchObject({ code: 'not_found' });
  });
});
