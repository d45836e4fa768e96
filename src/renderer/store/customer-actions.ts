import { rpc } from '../rpc/connect';
import { useAppStore } from './app-store';
import { report } from './report';

const state = () => useAppStore.getState();

/** Fetches the 360 view; a refresh keeps the old view on screen until the new one arrives. */
export async function loadCustomer360(customerId: string): Promise<void> {
  if (state().profiles[customerId]?.status !== 'ready') state().setProfile(customerId, { status: 'loading' });
  const result = await rpc.workspace.customer360({ customerId });
  state().setProfile(customerId, result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error });
}

/** Every change reloads the 360 view: merges move identities, contacts and orders between records. */
async function thenReload(customerId: string, result: Promise<{ ok: boolean } & Parameters<typeof report>[0]>): Promise<boolean> {
  const ok = report(await result);
  if (ok) void loadCustomer360(customerId);
  return ok;
}

export const tagCustomer = (customerId: string, change: { add?: string[]; remove?: string[] }) =>
  thenReload(customerId, rpc.workspace.tagCustomer({ customerId, ...change }));

export const createTicket = (customerId: string, conversationId: string, title: string, description: string) =>
  thenReload(customerId, rpc.workspace.createTicket({ conversationId, title, description }));

export const acceptMerge = (customerId: string, suggestionId: string) => thenReload(customerId, rpc.workspace.acceptMerge({ suggestionId }));

export const dismissMerge = (customerId: string, suggestionId: string) => thenReload(customerId, rpc.workspace.dismissMerge({ suggestionId }));

export const undoMerge = (customerId: string, mergeId: string) => thenReload(customerId, rpc.workspace.undoMerge({ mergeId }));
