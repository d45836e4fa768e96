/**
 * Shared setup for the softphone specs: one bundled harness per worker, tone
 * files, and a rig (Kamailio + hub stand-in) per adapter suite.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPhoneHarness } from '../../../scripts/sip/build-phone-harness.js';
import type { EngineConfigInput } from '../../../src/renderer/phone/sip-engine.js';
import { Party, type Adapter } from './sip-party.js';
import { startSipRig, type SipRig } from './sip-rig.js';
import { makeToneFiles, TONES } from './sip-tones.js';

let harness: Promise<string> | undefined;
export function harnessDir(): Promise<string> {
  harness ??= mkdtemp(join(tmpdir(), 'switchboard-phone-harness-')).then((dir) => buildPhoneHarness(dir));
  return harness;
}

export interface SoftphoneWorld {
  rig: SipRig;
  /** `adapter` overrides the suite's adapter for this party (mixed-adapter calls). */
  party(role: keyof typeof TONES, sipUser: string, config?: Partial<EngineConfigInput>, adapter?: Adapter): Promise<Party>;
  closeParties(): Promise<void>;
  stop(): Promise<void>;
}

export async function startWorld(adapter: Adapter): Promise<SoftphoneWorld> {
  const [dir, tones] = await Promise.all([harnessDir(), makeToneFiles()]);
  const rig = await startSipRig(dir, process.env.SWITCHBOARD_KAMAILIO_LOG);
  let parties: Party[] = [];
  const closeParties = async (): Promise<void> => {
    const closing = parties;
    parties = [];
    await Promise.all(closing.map((p) => p.close()));
  };
  return {
    rig,
    async party(role, sipUser, config = {}, partyAdapter = adapter) {
      const hz = TONES[role];
      const party = await Party.launch(rig, partyAdapter, sipUser, hz, tones.file(hz));
      parties.push(party);
      await party.register(config);
      return party;
    },
    closeParties,
    async stop() {
      await closeParties();
      await rig.stop();
      await rm(tones.dir, { recursive: true, force: true });
    },
  };
}

/** Customer dials queue 8000; the hub stand-in routes it to `agent`, who answers. */
export async function routedCall(world: SoftphoneWorld, customer: Party, agent: Party): Promise<{ customerCall: string; agentCall: string }> {
  world.rig.routeTo = { action: 'agent', sipUser: agent.sipUser };
  const customerCall = await customer.call('8000');
  const ringing = await agent.waitForRinging();
  await agent.run('answer', ringing.id);
  await customer.waitForState(customerCall, 'active');
  await agent.waitForState(ringing.id, 'active');
  return { customerCall, agentCall: ringing.id };
}
