import { rpc } from '../rpc/connect';
import { report } from '../store/report';
import { shellStore } from './shell-store';

/** "Restart to update": the shell installs now, or says it waits for calls to end. */
export async function restartToUpdate(): Promise<void> {
  const result = await rpc.shell.restartToUpdate({});
  if (report(result)) shellStore.getState().patch({ update: result.value });
}

/** Whether a tel:/sip: link from outside asks before it dials (the desktop setting `confirmDialLinks`). */
export async function setConfirmDialLinks(confirmDialLinks: boolean): Promise<void> {
  const result = await rpc.shell.updateSettings({ confirmDialLinks });
  if (report(result)) shellStore.getState().patch({ settings: result.value });
}
