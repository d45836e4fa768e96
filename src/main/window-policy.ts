/**
 * When closing the main window only hides it, and when a native notification is worth showing.
 * Kept free of Electron so both can be tested.
 */

export interface CloseContext {
  /** The user chose Quit (tray, menu, OS shutdown) or an update is being installed. */
  quitting: boolean;
  closeToTray: boolean;
  signedIn: boolean;
  phoneRegistered: boolean;
}

/** An agent who can still receive contacts keeps the app in the tray; otherwise closing quits. */
export function shouldHideOnClose(context: CloseContext): boolean {
  return !context.quitting && context.closeToTray && (context.signedIn || context.phoneRegistered);
}

export interface NotifyContext {
  enabled: boolean;
  supported: boolean;
  /** The main window is visible and focused: the UI's own toast is enough. */
  windowFocused: boolean;
}

export function shouldNotify(context: NotifyContext): boolean {
  return context.enabled && context.supported && !context.windowFocused;
}
