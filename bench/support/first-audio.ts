import type { Page } from '@playwright/test';
import type {} from '../../tests/harness/pages/phone/harness-api.js';

type Slot = { firstAudioAt?: number };

/**
 * Starts watching, inside the phone harness page, for the call's first received audio packet
 * (getStats inbound-rtp packetsReceived > 0, polled every 5 ms); firstAudioAt() reads the time.
 */
export function watchFirstAudio(page: Page, callId: string): Promise<void> {
  return page.evaluate((id) => {
    const slot = window as unknown as Slot;
    delete slot.firstAudioAt;
    void (async () => {
      const stop = Date.now() + 20_000;
      while (Date.now() < stop) {
        const stats = await window.phone.getStats(id);
        let received = 0;
        stats?.forEach((s: { type?: string; kind?: string; packetsReceived?: number }) => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio') received += s.packetsReceived ?? 0;
        });
        if (received > 0) {
          slot.firstAudioAt = Date.now();
          return;
        }
        await new Promise((d) => setTimeout(d, 5));
      }
    })();
  }, callId);
}

export const firstAudioAt = (page: Page): Promise<number | undefined> => page.evaluate(() => (window as unknown as Slot).firstAudioAt);
