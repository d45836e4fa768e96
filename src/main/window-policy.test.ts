import { describe, expect, it } from 'vitest';
import { shouldHideOnClose, shouldNotify } from './window-policy';

describe('closing the window', () => {
  const base = { quitting: false, closeToTray: true, signedIn: true, phoneRegistered: true };
  it('keeps the app in the tray while the agent can receive calls or chats', () => {
    expect(shouldHideOnClose(base)).toBe(true);
    expect(shouldHideOnClose({ ...base, signedIn: false })).toBe(true);
    expect(shouldHideOnClose({ ...base, phoneRegistered: false })).toBe(true);
  });
  it('quits when signed out and unregistered, when quitting, or when the user turned it off', () => {
    expect(shouldHideOnClose({ ...base, signedIn: false, phoneRegistered: false })).toBe(false);
    expect(shouldHideOnClose({ ...base, quitting: true })).toBe(false);
    expect(shouldHideOnClose({ ...base, closeToTray: false })).toBe(false);
  });
});

describe('native notifications', () => {
  it('appear only when enabled, supported and the window is not in front', () => {
    expect(shouldNotify({ enabled: true, supported: true, windowFocused: false })).toBe(true);
    expect(shouldNotify({ enabled: true, supported: true, windowFocused: true })).toBe(false);
    expect(shouldNotify({ enabled: false, supported: true, windowFocused: false })).toBe(false);
    expect(shouldNotify({ enabled: true, supported: false, windowFocused: false })).toBe(false);
  });
});
