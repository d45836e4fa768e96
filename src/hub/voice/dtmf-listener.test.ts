import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/log';
import { digitOf, startDtmfListener, type DtmfEvent } from './dtmf-listener';

describe('the DTMF listener', () => {
  it('turns rtpengine\'s JSON reports into digits and drops anything else', async () => {
    const lines: string[] = [];
    const got: DtmfEvent[] = [];
    const listener = await startDtmfListener('127.0.0.1:0', (e) => got.push(e), createLogger('test', (l) => lines.push(l)));
    const [host, port] = listener.address.split(':');
    const sender = createSocket('udp4');
    const send = (text: string): Promise<void> => new Promise((r) => sender.send(text, Number(port), host, () => r()));
    await send(JSON.stringify({ callid: 'c1', source_tag: 'tag-a', tags: ['tag-a', 'tag-b'], type: 'DTMF', timestamp: 1, source_ip: '127.0.0.1', event: 1, duration: 200, volume: 10 }));
    await send(JSON.stringify({ callid: 'c1', source_tag: 'tag-a', event: 11 }));
    await send('not json');
    await send(JSON.stringify({ callid: 'c1', event: 99 }));
    await expect.poll(() => got.length).toBe(2);
    await expect.poll(() => lines.length).toBe(2);
    expect(got).toEqual([
      { callId: 'c1', sourceTag: 'tag-a', digit: '1' },
      { callId: 'c1', sourceTag: 'tag-a', digit: '#' },
    ]);
    sender.close();
    await listener.close();
  });

  it('names every RFC 4733 event', () => {
    expect([0, 9, 10, 11, 12, 15].map(digitOf).join('')).toBe('09*#AD');
  });
});
