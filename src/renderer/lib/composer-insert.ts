/**
 * Puts text into the open conversation's reply box, where the agent can still edit it before
 * sending. The composer listens for this event on its textarea (as it does for `switchboard:mode`),
 * so the assist panel and the knowledge search need no handle on the composer's state.
 */
export const COMPOSER_INSERT_EVENT = 'switchboard:insert';

export function insertIntoComposer(text: string): boolean {
  const box = document.getElementById('composer');
  if (!box) return false;
  box.dispatchEvent(new CustomEvent<string>(COMPOSER_INSERT_EVENT, { detail: text }));
  return true;
}
