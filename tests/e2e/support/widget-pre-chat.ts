import { randomUUID } from 'node:crypto';
import { expect, type FrameLocator, type Page } from '@playwright/test';

/**
 * A new visitor on the widget page meets the site's pre-chat form first (name, phone or email,
 * consent) when an agent is available; this fills it in as a visitor would, then waits for the
 * chat box. A visitor the site already signed in goes straight to the chat; with no agent available
 * the offline form stays for the caller to fill.
 */
export async function startWidgetChat(widget: Page | FrameLocator, visitor?: { name: string; contact: string }): Promise<void> {
  // Each visitor their own address: a shared one would make every test customer a merge candidate of the others.
  const { name, contact } = visitor ?? { name: 'Test Visitor', contact: `visitor-${randomUUID().slice(0, 8)}@example.com` };
  const form = widget.getByTestId('widget-prechat');
  const input = widget.getByTestId('widget-input');
  const offline = widget.getByTestId('widget-offline');
  await expect(form.or(input).or(offline).filter({ visible: true })).toBeVisible();
  // With nobody available the visitor meets the offline form instead; its caller writes there.
  if (await offline.isVisible()) return;
  if (await form.isVisible()) {
    await widget.getByTestId('prechat-name').fill(name);
    await widget.getByTestId('prechat-contact').fill(contact);
    await widget.getByTestId('prechat-consent').check();
    await widget.getByTestId('prechat-start').click();
  }
  await expect(input).toBeVisible();
}
