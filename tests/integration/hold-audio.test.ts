/**
 * The hold audio against a real rtpengine: the hub answers a caller's plain-RTP offer through
 * rtpengine and the caller's RTP port receives the prompts, until the session is stopped.
 */
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/host/telephony/free-port';
import { mediaPortRange } from '../../src/host/telephony/start-sip-stack';
import { startRtpengine, type RunningRtpengine } from '../../src/host/telephony/start-rtpengine';
import { createLogger } from '../../src/shared/log';
import { createHoldAudio, DEFAULT_PROMPTS_DIR } from '../../src/hub/voice/hold-audio';
import { createRtpengineClient } from '../../src/hub/voice/rtpengine-client';

let rtpengine: RunningRtpengine;
beforeAll(async () => {
  rtpengine = await startRtpengine({ ngPort: await freePort(), ...mediaPortRange() });
});
afterAll(async () => {
  await rtpengine?.stop();
});

function callerSocket(): Promise<{ socket: Socket; port: number; packets: () => number }> {
  const socket = createSocket('udp4');
  let packets = 0;
  socket.on('message', () => packets++);
  return new Promise((resolve) => socket.bind(0, '127.0.0.1', () => resolve({ socket, port: socket.address().port, packets: () => packets })));
}

describe('hold audio for a waiting caller', () => {
  it('answers the caller through rtpengine and plays the prompts to their RTP port, until stopped', async () => {
    const client = createRtpengineClient(rtpengine.ngAddress);
    const hold = createHoldAudio({ client, promptsDir: DEFAULT_PROMPTS_DIR, language: 'en', log: createLogger('test', () => undefined) });
    const caller = await callerSocket();
    const offer = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${caller.port} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', ''].join('\r\n');
    try {
      const answer = await hold.start({ callId: 'hold-test-1', fromTag: 'caller-tag', sdp: offer, position: 2 });
      // Plain RTP with G.711 towards the carrier, on rtpengine's address.
      expect(answer).toMatch(/m=audio \d+ RTP\/AVP 0/);
      expect(answer).toContain('c=IN IP4 127.0.0.1');
      expect(answer).not.toContain('a=ice');
      // rtpengine learns where to send once the caller sends; the phone would send its own audio.
      const port = Number(/m=audio (\d+)/.exec(answer)![1]);
      const rtp = Buffer.alloc(172);
      rtp[0] = 0x80;
      caller.socket.send(rtp, port, '127.0.0.1');
      await expect.poll(caller.packets, { timeout: 5000 }).toBeGreaterThan(50);
      await hold.stop('hold-test-1');
      const after = caller.packets();
      await new Promise((d) => setTimeout(d, 500));
      expect(caller.packets() - after).toBeLessThan(5);
    } finally {
      caller.socket.close();
      client.close();
    }
  });
});
