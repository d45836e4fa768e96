import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { ngPing } from './ng-ping';

describe('ngPing', () => {
  const sockets: ReturnType<typeof createSocket>[] = [];
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));

  async function server(answer: (cookie: string) => string): Promise<number> {
    const socket = createSocket('udp4');
    sockets.push(socket);
    socket.on('message', (data, from) => {
      const cookie = data.toString().split(' ')[0]!;
      socket.send(answer(cookie), from.port, from.address);
    });
    await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done));
    return socket.address().port;
  }

  it('is true when rtpengine answers pong to its own cookie', async () => {
    expect(await ngPing('127.0.0.1', await server((c) => `${c} d6:result4:ponge`))).toBe(true);
  });

  it('is false for another answer, another cookie, or silence', async () => {
    expect(await ngPing('127.0.0.1', await server((c) => `${c} d6:result5:errore`))).toBe(false);
    expect(await ngPing('127.0.0.1', await server(() => `other d6:result4:ponge`), 150)).toBe(false);
  });
});
