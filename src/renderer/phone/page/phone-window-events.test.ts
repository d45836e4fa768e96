import { describe, expect, it } from 'vitest';
import { sessionContract } from '../../../shared/contracts/session-contract';
import { supervisorContract } from '../../../shared/contracts/supervisor-contract';
import { workspaceContract } from '../../../shared/contracts/workspace-contract';
import { createMemoryLogger } from '../../../shared/log';
import type { Contract, ContractImpl } from '../../../shared/rpc/contract';
import { createPortPair } from '../../../shared/rpc/port';
import { createRpcClient } from '../../../shared/rpc/rpc-client';
import { createRpcServer } from '../../../shared/rpc/rpc-server';
import { err, ok } from '../../../shared/result';
import { prefsSchema } from '../../lib/prefs';
import { PhoneService } from '../service/phone-service';
import { wirePbxSupervision } from './pbx-supervision-hook';
import { wireSupervision, wireVoiceAgitation } from './phone-call-hooks';

/** Every method answers `unavailable` except those given: the test is about events, not calls. */
function serving<C extends Contract>(contract: C, given: Partial<ContractImpl<C>> = {}): ContractImpl<C> {
  const impl = Object.fromEntries(Object.keys(contract.methods).map((m) => [m, async () => err('unavailable', 'not in this test')]));
  return { ...impl, ...given } as ContractImpl<C>;
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('the phone window on the host RPC', () => {
  it('gets the session and supervision events it listens to and none of the inbox traffic', async () => {
    const host = createRpcServer(createMemoryLogger());
    const workspace = host.register(workspaceContract, serving(workspaceContract));
    const session = host.register(
      sessionContract,
      serving(sessionContract, {
        status: async () => ok({ connection: { status: 'offline', hubUrl: 'http://hub', lastSyncAt: null, detail: null }, agent: null }),
      }),
    );
    const supervisor = host.register(supervisorContract, serving(supervisorContract));

    // Two windows, one connection each, as the Electron main attaches them (the web host does the same per socket).
    const window = () => {
      const [hostEnd, pageEnd] = createPortPair();
      host.attach(hostEnd);
      const frames: string[] = [];
      pageEnd.onMessage((f) => frames.push(f));
      const client = createRpcClient(pageEnd);
      return {
        frames,
        rpc: { session: client.proxy(sessionContract), workspace: client.proxy(workspaceContract), supervisor: client.proxy(supervisorContract) },
      };
    };
    const main = window();
    const phone = window();

    // The main UI listens to the inbox.
    const inbox: string[] = [];
    main.rpc.workspace.on('message', (m) => inbox.push(m.id));
    main.rpc.workspace.on('conversation', () => undefined);
    main.rpc.workspace.on('typing', () => undefined);

    // The phone window wires itself exactly as phone-page.tsx does.
    const log = createMemoryLogger();
    const service = new PhoneService({
      host: { session: phone.rpc.session, reportCallQuality: (input) => phone.rpc.workspace.reportCallQuality(input) },
      createEngine: () => {
        throw new Error('signed out: no engine is made');
      },
      prefs: () => prefsSchema.parse({}),
      openMicrophone: async () => null,
      log,
    });
    const unwire = [wireVoiceAgitation(service, phone.rpc, log), wireSupervision(service, phone.rpc, log), wirePbxSupervision(service, phone.rpc, log)];
    await service.start();
    await tick();
    phone.frames.length = 0;

    const conversationId = 'conv_1';
    workspace('message', {
      id: 'msg_1', conversationId, channel: 'widget', direction: 'in', authorKind: 'customer', authorId: null,
      text: 'my parcel is late', attachments: [], internal: false, key: null, createdAt: 1, delivery: 'sent',
    });
    workspace('typing', { conversationId, typing: true });
    session('connection', { status: 'online', hubUrl: 'http://hub', lastSyncAt: 1, detail: null });
    supervisor('session', {
      id: 'sup_1', kind: 'call', supervisorId: 'agt_sam', supervisorName: 'Sam', agentId: 'agt_alice', conversationId,
      mode: 'monitor', modes: ['monitor'], startedAt: 1, endedAt: null,
    });
    await tick();

    const eventsTo = (frames: string[]) => frames.map((f) => JSON.parse(f) as { t: string; c?: string; e?: string }).filter((f) => f.t === 'evt').map((f) => `${f.c}.${f.e}`);
    expect(inbox).toEqual(['msg_1']);
    expect(eventsTo(main.frames)).toEqual(['workspace.message', 'workspace.typing']);
    // The phone hears that the hub is back and who supervises, never a customer's message or typing.
    expect(eventsTo(phone.frames)).toEqual(['session.connection', 'supervisor.session']);

    unwire.forEach((off) => off());
    await service.stop();
  });
});
