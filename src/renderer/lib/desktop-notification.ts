/** Asks once, from a user gesture where possible; browsers ignore or block unprompted requests. */
export async function ensureNotificationPermission(): Promise<boolean> {
  if (typeof Notification === 'undefined') return false;
  if (Notification.permission === 'granted') return true;
  if (Notification.permission === 'denied') return false;
  return (await Notification.requestPermission().catch(() => 'denied')) === 'granted';
}

/** Shows a system notification that brings the window forward when clicked. */
export function showDesktopNotification(title: string, body: string, tag: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const notification = new Notification(title, { body, tag });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}

/** The agent is looking elsewhere: the tab is hidden or another window has focus. */
export function windowUnfocused(): boolean {
  return document.hidden || !document.hasFocus();
}
