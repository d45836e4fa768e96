import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SupervisionSession } from '../../shared/protocol/supervisor-protocol';
import { parseHubConfig, type HubConfigInput } from '../config';
import { answer, startRig, type Rig } from '../../../tests/harness/hub/supervision-rig';

/** The hub's own config path, so what is tested is what `SUPERVISION_PBX_*` or a config object turns into. */
function pbxConfig(supervisionPbx: HubConfigInput['supervisionPbx']) {
  return parseHubConfig({ dataDir: '/unused', supervisionPbx }).supervisionPbx;
}

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

async function pbxRig(template = 'spy-{ext}'): Promise<Rig> {
  rig = await startRig({ pbx: pbxConfig({ dialTemplate: template }) });
  return rig;
}

function value<T>(result: { ok: boolean }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return (result as { ok: true; value: T }).value;
}

/** A call Alice is on. */
function callWithAlice(r: Rig): string {
  const { conversation } = r.customerSays('caller', 'call placeholder', 'voice');
  const call = r.conversations.open(r.store.customer(conversation.customerId)!, 'voice', 'voice', 'call-1');
  answer(r, call.id);
  return call.id;
}

describe('call supervision in PBX mode', () => {
  it('gives the supervisor the dial target, tells the agent nothing, and audits each mode and that it ran via the PBX', async () => {
    const r = await pbxRig();
    const callId = callWithAlice(r);
    const sam = await r.connect(await r.token('agt_sam', 'supervisor'));
    await sam.next('welcome');

    const started = value<SupervisionSession>(await sam.request({ kind: 'call.start', target: { kind: 'agent', agentId: 'agt_alice' }, mode: 'monitor' }));
    const dial = { target: 'spy-alice', digits: { monitor: '4', whisper: '5', barge: '6' } };
    expect(started).toMatchObject({ kind: 'call', conversationId: callId, agentId: 'agt_alice', mode: 'monitor', pbx: dial });
    // The phone page learns of the session from the push, not from the console's reply.
    const pushed = await sam.next('session', (f) => f.session.id === started.id);
    expect(pushed.session.pbx).toEqual(dial);

    value(await sam.request({ kind: 'call.mode', sessionId: started.id, mode: 'whisper' }));
    const barge = value<SupervisionSession>(await sam.request({ kind: 'call.mode', sessionId: started.id, mode: 'barge' }));
    expect(barge).toMatchObject({ mode: 'barge', modes: ['monitor', 'whisper', 'barge'], pbx: dial });
    const ended = value<SupervisionSession>(await sam.request({ kind: 'call.end', sessionId: started.id }));
    expect(ended.endedAt).not.toBeNull();

    // Alice's desktop is online and would have been told in client-mix mode.
    expect(r.online.has('agt_alice')).toBe(true);
    expect(r.notices).toEqual([]);

    const [row] = r.supervision.audit.sessions(0);
    expect(row).toMatchObject({ id: started.id, kind: 'call', supervisorId: 'agt_sam', agentId: 'agt_alice', conversationId: callId, modes: ['monitor', 'whisper', 'barge'], endReason: 'ended by supervisor' });
    expect(row?.endedAt).not.toBeNull();
    const trail = r.supervision.audit.entries(0).filter((e) => e.sessionId === started.id).map((e) => `${e.action}:${e.outcome}:${e.detail}`);
    expect(trail).toEqual(['call.start:ok:monitor', 'call.pbx:ok:dial spy-alice', 'call.mode:ok:whisper', 'call.mode:ok:barge', 'call.end:ok:ended by supervisor']);
  });

  it('expands a full SIP URI template and takes configured digits', async () => {
    rig = await startRig({ pbx: pbxConfig({ dialTemplate: 'sip:*222{ext}@pbx.example.com:5080', digits: { monitor: '1', whisper: '2', barge: '3' } }) });
    callWithAlice(rig);
    const sam = await rig.connect(await rig.token('agt_sam', 'supervisor'));
    await sam.next('welcome');
    const started = value<SupervisionSession>(await sam.request({ kind: 'call.start', target: { kind: 'agent', agentId: 'agt_alice' }, mode: 'barge' }));
    expect(started.pbx).toEqual({ target: 'sip:*222alice@pbx.example.com:5080', digits: { monitor: '1', whisper: '2', barge: '3' } });
    expect(started.modes).toEqual(['barge']);
  });

  it('does not need the agent desktop, because the PBX does the mixing', async () => {
    const r = await pbxRig();
    callWithAlice(r);
    r.online.delete('agt_alice');
    const sam = await r.connect(await r.token('agt_sam', 'supervisor'));
    await sam.next('welcome');
    const started = value<SupervisionSession>(await sam.request({ kind: 'call.start', target: { kind: 'agent', agentId: 'agt_alice' } }));
    expect(started.pbx?.target).toBe('spy-alice');
  });

  it('keeps the role check: an agent is refused and audited, a demoted supervisor is cut off', async () => {
    const r = await pbxRig();
    callWithAlice(r);
    const alice = await r.connect(await r.token('agt_alice', 'agent'));
    expect((await alice.next('error')).error.code).toBe('permission_denied');
    expect(await alice.closed()).toBe(4403);
    expect(r.supervision.audit.entries(0).filter((e) => e.outcome === 'refused')).toMatchObject([{ actorId: 'agt_alice', actorRole: 'agent', action: 'connect' }]);

    const sam = await r.connect(await r.token('agt_sam', 'supervisor'));
    await sam.next('welcome');
    const demoted = r.store.agent('agt_sam')!;
    (r.store as unknown as { agent: (id: string) => unknown }).agent = (id: string) => (id === 'agt_sam' ? { ...demoted, role: 'agent' } : null);
    expect(await sam.request({ kind: 'call.start', target: { kind: 'agent', agentId: 'agt_alice' } })).toMatchObject({ ok: false, error: { code: 'permission_denied' } });
    expect(await sam.closed()).toBe(4403);
    expect(r.supervision.audit.sessions(0)).toEqual([]);
    expect(r.supervision.audit.entries(0).some((e) => e.action === 'call.pbx')).toBe(false);
  });

  it('refuses a second supervisor on the same call, and ends the session (without telling the agent) when the call closes', async () => {
    const r = await pbxRig();
    const callId = callWithAlice(r);
    const sam = await r.connect(await r.token('agt_sam', 'supervisor'));
    const root = await r.connect(await r.token('agt_root', 'admin'));
    await Promise.all([sam.next('welcome'), root.next('welcome')]);
    const mine = value<SupervisionSession>(await sam.request({ kind: 'call.start', target: { kind: 'conversation', conversationId: callId } }));
    expect(await root.request({ kind: 'call.start', target: { kind: 'conversation', conversationId: callId } })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(r.lifecycle.move(callId, { kind: 'end' })).toMatchObject({ ok: true });
    const ended = await sam.next('session', (f) => f.session.id === mine.id && f.session.endedAt !== null);
    expect(ended.session.pbx?.target).toBe('spy-alice');
    expect(r.notices).toEqual([]);
    expect(r.supervision.audit.sessions(0).find((s) => s.id === mine.id)?.endReason).toBe('call ended');
  });
});

describe('PBX mode configuration', () => {
  const fails = (supervisionPbx: HubConfigInput['supervisionPbx']) => () => pbxConfig(supervisionPbx);

  it('defaults the digits to ChanSpy’s: 4 monitor, 5 whisper, 6 barge', () => {
    expect(pbxConfig({ dialTemplate: '*222{ext}' })).toEqual({ dialTemplate: '*222{ext}', digits: { monitor: '4', whisper: '5', barge: '6' } });
    expect(pbxConfig({ dialTemplate: 'spy-{ext}', digits: { barge: '9' } })?.digits).toEqual({ monitor: '4', whisper: '5', barge: '9' });
  });

  it('rejects a template without {ext}, naming the setting and the fix', () => {
    expect(fails({ dialTemplate: '*222' })).toThrow(
      'invalid hub configuration: supervisionPbx.dialTemplate: the dial string must contain {ext} (the supervised agent\'s SIP user), e.g. "*222{ext}"',
    );
  });

  it('rejects unknown placeholders, {ext} twice, characters a SIP user cannot hold, and shared or non-DTMF digits', () => {
    expect(fails({ dialTemplate: '*222{agent}' })).toThrow('unknown placeholder {agent}');
    expect(fails({ dialTemplate: '{ext}{ext}' })).toThrow('{ext} may appear only once');
    expect(fails({ dialTemplate: '*222 {ext}' })).toThrow('must be a SIP user');
    expect(fails({ dialTemplate: '#222{ext}' })).toThrow('must be a SIP user');
    expect(fails({ dialTemplate: 'spy-{ext}', digits: { monitor: '5' } })).toThrow('supervisionPbx.digits: each mode needs its own digit');
    expect(fails({ dialTemplate: 'spy-{ext}', digits: { whisper: '55' } })).toThrow('supervisionPbx.digits.whisper: a mode digit is one DTMF key');
  });

  it('stops `npm run hub` with that one line when SUPERVISION_PBX_DIAL lacks {ext}', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-pbx-cli-'));
    const env = { ...process.env, SUPERVISION_PBX_DIAL: '*222', SUPERVISION_PBX_BARGE_DIGIT: '6' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/cli.ts', '--port', '0', '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain('hub failed to start');
      expect(stderr).toContain('supervisionPbx.dialTemplate: the dial string must contain {ext}');
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
