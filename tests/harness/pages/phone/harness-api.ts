/** What the phone harness page puts on window, for Playwright specs to type against. */
import type { EngineEvent, SipEngine } from '../../../../src/renderer/phone/sip-engine.js';

export interface HarnessApi {
  adapter: 'sipjs' | 'jssip';
  events: EngineEvent[];
  /** Digits received from the far end, in order. */
  dtmfReceived(): string;
  /** dB at each frequency in the call's remote audio, or null before media. */
  levels(callId: string, frequencies: number[]): Promise<Record<string, number> | null>;
  /** Closes the SIP WebSocket(s) from under the stack; returns how many. */
  dropSockets(): number;
  openSockets(): number;
}

declare global {
  interface Window {
    phone: SipEngine;
    harness: HarnessApi;
  }
}
