import i18next from 'i18next';
import { rpc } from '../rpc/connect';
import { openConversation } from '../store/actions';
import { useAppStore } from '../store/app-store';
import { createShellBridge, type ShellBridge, type ShellPhone } from './shell-bridge';
import { shellStore } from './shell-store';

/** The pending offer's "accept" button: the agent clicked its notification, so focus is asked for. */
function focusOffer(offerId: string): void {
  const title = document.getElementById(`offer-${offerId}`);
  title?.closest('[data-testid="offer"]')?.querySelector<HTMLElement>('[data-testid="offer-accept"]')?.focus();
}

/**
 * Starts the shell bridge for the main UI window, wired to the app's RPC client and store.
 * Call it once, after `bindHostEvents()`, with the phone. The hidden phone window
 * (`index.html?window=phone`) must not: it would fight the main window over the tray state and
 * take the dial requests meant for the UI; there it refuses and does nothing.
 */
export async function startShellBridge(deps: { phone: ShellPhone }): Promise<ShellBridge> {
  if (new URLSearchParams(location.search).get('window') === 'phone') {
    console.warn('startShellBridge is for the main window; the phone window does not start it');
    return { present: false, stop: () => {} };
  }
  return createShellBridge({
    shell: rpc.shell,
    workspace: rpc.workspace,
    phone: deps.phone,
    app: useAppStore,
    shellStore,
    openConversation,
    focusOffer,
    t: (key, options) => i18next.t(key, options ?? {}),
  });
}
