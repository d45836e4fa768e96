import { phoneContract } from '../../../shared/contracts/phone-contract';
import { createRpcClient } from '../../../shared/rpc/rpc-client';
import { PHONE_CHANNEL_NAME, type LinkChannel } from './link-messages';
import { connectPhoneLink } from './phone-link-client';

/** This UI page's link to the phone page: one per page load; a reload simply connects again. */
export const phoneLink = connectPhoneLink(new BroadcastChannel(PHONE_CHANNEL_NAME) as LinkChannel);
export const phone = createRpcClient(phoneLink.port, { timeoutMs: 20_000 }).proxy(phoneContract);

window.addEventListener('pagehide', () => phoneLink.close());

const PHONE_WINDOW_NAME = 'switchboard-phone';

/**
 * Opens the phone page in the browser (Electron keeps its own hidden phone window). Must run inside
 * a user gesture, or the browser blocks the pop-up. Only called when no phone page answers: opening
 * the named window again would reload a live phone page and drop its calls.
 */
export function openPhoneWindow(): boolean {
  if (window.switchboard) return false;
  const url = new URL(location.href);
  url.search = '?window=phone';
  const token = sessionStorage.getItem('switchboard.token');
  url.hash = token ? `token=${encodeURIComponent(token)}` : '';
  return window.open(url.toString(), PHONE_WINDOW_NAME, 'popup,width=420,height=320') !== null;
}
