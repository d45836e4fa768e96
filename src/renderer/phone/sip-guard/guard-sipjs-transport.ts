/** Puts the message guard between sip.js's WebSocket transport and its parser. */
import type { UserAgent } from 'sip.js';
import { inspectSipMessage, type GuardVerdict } from './sip-message-guard.js';

export function guardSipJsTransport(ua: UserAgent, onVerdict?: (verdict: GuardVerdict) => void): void {
  const transport = ua.transport;
  const deliver = transport.onMessage;
  if (!deliver) throw new Error('sip.js transport has no message handler yet');
  transport.onMessage = (message: string) => {
    const verdict = inspectSipMessage(message);
    onVerdict?.(verdict);
    if (verdict.action === 'pass') {
      deliver(message);
    } else if (verdict.action === 'reply') {
      void transport.send(verdict.reply).catch(() => undefined);
    }
  };
}
