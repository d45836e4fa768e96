/**
 * Steps the softphone specs take again and again, each with the checks a
 * user would make along the way (the call rings, is up, is gone).
 */
import type {} from '../../harness/pages/phone/harness-api.js';
import type { EngineConfigInput } from '../../../src/renderer/phone/sip-engine.js';
import type { Adapter, Party } from './sip-party.js';
import { routedCall, type SoftphoneWorld } from './sip-suite.js';
import { TONES } from './sip-tones.js';

export interface AnsweredCall {
  customer: Party;
  agent: Party;
  customerCall: string;
  agentCall: string;
}

export interface AnsweredCallOptions {
  /** Engine settings for the customer's phone (e.g. INFO DTMF). */
  customerConfig?: Partial<EngineConfigInput>;
  /** Per-party adapters; the world's by default. */
  customerAdapter?: Adapter;
  agentAdapter?: Adapter;
}

/** customer-1 and agent-1 register; the customer's queue call is routed to the agent, who answers. */
export async function answeredCall(world: SoftphoneWorld, options: AnsweredCallOptions = {}): Promise<AnsweredCall> {
  const customer = await world.party('customer', 'customer-1', options.customerConfig, options.customerAdapter);
  const agent = await world.party('agent', 'agent-1', {}, options.agentAdapter);
  const { customerCall, agentCall } = await routedCall(world, customer, agent);
  return { customer, agent, customerCall, agentCall };
}

/** The customer hears the agent and the agent hears the customer. */
export async function expectTalking({ customer, agent, customerCall, agentCall }: AnsweredCall): Promise<void> {
  await agent.expectHearing(agentCall, TONES.customer);
  await customer.expectHearing(customerCall, TONES.agent);
}

/** `from` hangs up its call and `to` sees its side of it end. */
export async function hangUp(from: Party, fromCall: string, to: Party, toCall: string): Promise<void> {
  await from.run('hangup', fromCall);
  await to.waitForState(toCall, 'ended');
}

/** The agent puts the call on hold and calls `other`, who answers; returns both sides of the consultation. */
export async function consult(agent: Party, agentCall: string, other: Party): Promise<{ consultCall: string; otherCall: string }> {
  const consultCall = await agent.page.evaluate(([id, target]) => window.phone.startConsultation(id, target), [agentCall, other.sipUser] as const);
  const ringing = await other.waitForRinging();
  await other.run('answer', ringing.id);
  await agent.waitForState(consultCall, 'active');
  return { consultCall, otherCall: ringing.id };
}

/** After a transfer the customer is up on a new call, and the customer and `target` hear each other. */
export async function expectTransferred(customer: Party, customerCall: string, target: Party, targetCall: string): Promise<void> {
  const transferred = await customer.waitForCall((c) => c.state === 'active' && c.id !== customerCall, 'the transferred call is up');
  await customer.expectHearing(transferred.id, target.tone);
  await target.expectHearing(targetCall, TONES.customer);
}
