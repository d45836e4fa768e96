/**
 * Shared setup for the softphone specs: one bundled harness per worker, tone
 * files, and a rig (Kamailio + hub stand-in) per adapter suite.
 */
import { test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHarnessPage } from '../../harness/pages/build-harness-page.js';
import type { EngineConfigInput } from '../../../src/renderer/phone/sip-engine.js';
import { Party, type Adapter } from './sip-party.js';
import { startSipRig, type SipRig } from './sip-rig.js';
import { makeToneFiles, TONES } from './sip-tones.js';

let harness: Promise<string> | undefined;
export function harnessDir(): Promise<string> {
  harness ??= mkdtemp(join(tmpdir(), 'switchboard-phone-harness-')).then((dir) => buildHarnessPage('phone', dir));
  return harness;
}

export interface SoftphoneWorld {
  rig: SipRig;
  /** A registered party; `adapter` overrides the world's (cross-adapter calls). */
  party(role: keyof typeof TONES, sipUser: string, config?: Partial<EngineConfigInput>, adapter?: Adapter): Promise<Party>;
  closeParties(): Promise<void>;
  stop(): Promise<void>;
}

export interface WorldOptions {
  /** Every party registers over wss:// (Kamailio's TLS listener, self-signed certificate). */
  wss?: boolean;
}

export async function startWorld(adapter: Adapter, options: WorldOptions = {}): Promise<SoftphoneWorld> {
  const [dir, tones] = await Promise.all([harnessDir(), makeToneFiles()]);
  const logFile = process.env.SWITCHBOARD_KAMAILIO_LOG;
  const rig = await startSipRig(dir, { ...(logFile ? { logFile } : {}), wss: options.wss ?? false });
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
      const launch = { acceptSelfSignedCert: options.wss ?? false };
      const party = await Party.launch(rig, partyAdapter, sipUser, hz, tones.file(hz), launch);
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

/**
 * One world for the enclosing describe block: started before its first test,
 * its parties closed after each test, stopped after the last. The returned
 * world is usable from inside tests only.
 */
export function useWorld(adapter: Adapter, options: WorldOptions = {}): SoftphoneWorld {
  let world: SoftphoneWorld | undefined;
  const current = (): SoftphoneWorld => {
    if (!world) throw new Error('the softphone world starts in beforeAll; use it inside a test');
    return world;
  };
  test.beforeAll(async () => {
    test.setTimeout(60_000);
    world = await startWorld(adapter, options);
  });
  test.afterEach(async () => {
    await current().closeParties();
  });
  test.afterAll(async () => {
    await world?.stop();
  });
  return {
    get rig() {
      return current().rig;
    },
    party: (...args) => current().party(...args),
    closeParties: () => current().closeParties(),
    stop: () => current().stop(),
  };
}

/** Customer dials queue 8000; the hub stand-in routes it to `agent`, who answers. */
export async function routedCall(world: SoftphoneWorld, customer: Party, agent: Party): Promise<{ customerCall: string; agentCall: string }> {
  world.rig.routeTo = { action: 'agent', sipUser: agent.sipUser, conversationId: 'conv_e2e' };
  const customerCall = await customer.call('8000');
  const ringing = await agent.waitForRinging();
  await agent.run('answer', ringing.id);
  await customer.waitForState(customerCall, 'active');
  await agent.waitForState(ringing.id, 'active');
  return { customerCall, agentCall: ringing.id };
}
