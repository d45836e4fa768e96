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

/** A notification about a contact: an offer, or a sentiment alert on one of the agent's conversations. */
export interface ContactNotice {
  kind: 'offer' | 'sentiment_alert';
  /** Who it is about, as the UI shows it. */
  subject: string;
  preview: string;
  conversationId: string | null;
  offerId: string | null;
  /** The title a browser notification shows; the desktop shell writes its own from kind and subject. */
  title: string;
  /** Replaces an earlier browser notification with the same tag instead of stacking. */
  tag: string;
}

let shellRoute: ((notice: ContactNotice) => void) | null = null;

/**
 * Under Electron the shell shows native notifications whose click focuses the contact; the
 * shell bridge installs that route when the shell answers, and removes it when it stops.
 */
export function routeNotificationsThroughShell(route: ((notice: ContactNotice) => void) | null): void {
  shellRoute = route;
}

export function notifyContact(notice: ContactNotice): void {
  if (shellRoute) shellRoute(notice);
  else showDesktopNotification(notice.title, notice.preview, notice.tag);
}
