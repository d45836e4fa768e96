/**
 * Test page for the phone engine: exposes window.phone (the engine picked by
 * ?adapter=sipjs|jssip) and window.harness (event log, tone meter, socket
 * drop) so Playwright can drive a real browser party.
 */
import { JsSipEngine } from '../../../../src/renderer/phone/jssip-engine.js';
import type { EngineEvent, SipEngine } from '../../../../src/renderer/phone/sip-engine.js';
import type { HarnessApi } from './harness-api.js';
import { SipJsEngine } from '../../../../src/renderer/phone/sipjs-engine.js';
import { ToneMeter } from './tone-meter.js';
import { installSupervisionHarness } from './supervision-harness.js';
import { installPbxSupervisionHarness } from './pbx-supervision-harness.js';

// Remember every WebSocket the SIP stack opens, so a test can kill it the way
// a network drop would (the stack did not ask for the close).
const sockets = new Set<WebSocket>();
const NativeWebSocket = window.WebSocket;
class TrackedWebSocket extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    sockets.add(this);
    this.addEventListener('close', () => sockets.delete(this));
  }
}
window.WebSocket = TrackedWebSocket;

const adapter = new URLSearchParams(location.search).get('adapter') === 'jssip' ? 'jssip' : 'sipjs';
const phone: SipEngine = adapter === 'jssip' ? new JsSipEngine() : new SipJsEngine();
const events: EngineEvent[] = [];
phone.onEvent((event) => events.push(event));
const meter = new ToneMeter();

const harness: HarnessApi = {
  adapter,
  events,
  dtmfReceived(): string {
    return events.flatMap((e) => (e.type === 'dtmf' ? [e.digit] : [])).join('');
  },
  async levels(callId, frequencies) {
    const stream = phone.getRemoteStream(callId);
    return stream ? meter.measure(stream, frequencies) : null;
  },
  /** Closes the SIP WebSocket from under the stack, like a network failure. */
  dropSockets(): number {
    const open = [...sockets].filter((s) => s.readyState === NativeWebSocket.OPEN);
    for (const socket of open) socket.close(4000, 'test: network drop');
    return open.length;
  },
  openSockets(): number {
    return [...sockets].filter((s) => s.readyState === NativeWebSocket.OPEN).length;
  },
};

window.phone = phone;
window.harness = harness;
installSupervisionHarness(phone, meter);
installPbxSupervisionHarness(phone);
const status = document.getElementById('status');
if (status) status.textContent = `ready ${adapter}`;
