/**
 * A minimal SIP-over-WebSocket "registrar" for the torture spec: it accepts
 * the engine's REGISTER with a 200, then lets the test push arbitrary bytes
 * (the RFC 4475 messages) down the same socket and records what comes back.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';

export const TORTURE_DIR = join(process.env.SWITCHBOARD_SHARED_DATA ?? join(process.cwd(), '..', 'shared', 'data'), 'sip-torture-rfc4475');

export interface TortureCase {
  section: string;
  file: string;
  category: 'valid' | 'invalid' | 'transaction-layer' | 'application-layer' | 'backward-compat';
  title: string;
  bytes: Buffer;
}

export async function loadTortureCases(): Promise<TortureCase[]> {
  const manifest = await readFile(join(TORTURE_DIR, 'MANIFEST.tsv'), 'utf8');
  const rows = manifest.trim().split('\n').slice(1);
  return Promise.all(
    rows.map(async (row) => {
      const [section = '', file = '', category = '', title = ''] = row.split('\t');
      const bytes = await readFile(join(TORTURE_DIR, 'dat_resiprocate_crlf', file));
      return { section, file, category: category as TortureCase['category'], title, bytes };
    }),
  );
}

function header(message: string, name: string, compact?: string): string | undefined {
  const pattern = new RegExp(`^(?:${name}${compact ? `|${compact}` : ''})\\s*:\\s*(.*)$`, 'im');
  return pattern.exec(message)?.[1]?.trim();
}

export function callIdOf(message: string): string | undefined {
  return header(message, 'Call-ID', 'i');
}

export class TortureServer {
  readonly received: string[] = [];
  private socket: WebSocket | null = null;

  private constructor(
    private readonly server: WebSocketServer,
    readonly url: string,
  ) {
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => {
        const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
        this.received.push(text);
        if (/^REGISTER /.test(text)) this.answerRegister(socket, text);
      });
    });
  }

  static async start(): Promise<TortureServer> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('no address');
    return new TortureServer(server, `ws://127.0.0.1:${address.port}`);
  }

  private answerRegister(socket: WebSocket, request: string): void {
    const lines = [
      'SIP/2.0 200 OK',
      ...request
        .split('\r\n')
        .filter((line) => /^(Via|v)\s*:/i.test(line)),
      `From: ${header(request, 'From', 'f') ?? ''}`,
      `To: ${header(request, 'To', 't') ?? ''};tag=torture`,
      `Call-ID: ${callIdOf(request) ?? ''}`,
      `CSeq: ${header(request, 'CSeq') ?? ''}`,
      `Contact: ${header(request, 'Contact', 'm') ?? ''};expires=600`,
      'Content-Length: 0',
      '',
      '',
    ];
    socket.send(lines.join('\r\n'));
  }

  /** Sends raw bytes as one WebSocket message: text when they are UTF-8, else binary. */
  send(bytes: Buffer): void {
    if (!this.socket) throw new Error('engine not connected');
    const text = bytes.toString('utf8');
    const isUtf8 = Buffer.from(text, 'utf8').equals(bytes);
    this.socket.send(isUtf8 ? text : bytes, { binary: !isUtf8 });
  }

  responsesFor(callId: string): string[] {
    return this.received.filter((m) => m.startsWith('SIP/2.0 ') && callIdOf(m) === callId);
  }

  async stop(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
