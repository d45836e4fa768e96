import WebSocket from 'ws';

interface View {
  id: string;
  direction: 'in' | 'out';
  text: string;
}

/**
 * A customer in the web widget who keeps talking through hub restarts: every message has a key,
 * and one not yet echoed by the hub is sent again (same key) after a reconnect.
 */
export class WidgetVisitor {
  private socket: WebSocket | null = null;
  private closed = false;
  private waiting: { text: string; key: string; resolve: () => void } | null = null;
  readonly received: View[] = [];
  history: View[] = [];

  constructor(
    private readonly hubUrl: string,
    readonly visitorId: string,
  ) {}

  private connect(): Promise<void> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`${this.hubUrl.replace('http', 'ws')}/widget/ws`);
      let settled = false;
      const retry = (): void => {
        if (this.socket === ws) this.socket = null;
        if (!settled) {
          settled = true;
          setTimeout(() => void this.connect().then(resolve), 200);
        } else if (!this.closed) setTimeout(() => void this.connect(), 200);
      };
      ws.on('open', () => {
        this.socket = ws;
        ws.send(JSON.stringify({ type: 'hello', visitorId: this.visitorId, name: this.visitorId }));
      });
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; message?: View; messages?: View[] };
        if (frame.type === 'history') {
          this.history = frame.messages ?? [];
          if (!settled) {
            settled = true;
            resolve();
          }
          if (this.waiting) ws.send(JSON.stringify({ type: 'message', text: this.waiting.text, key: this.waiting.key }));
        } else if (frame.type === 'message' && frame.message) {
          if (frame.message.direction === 'out') this.received.push(frame.message);
          else if (this.waiting && frame.message.text === this.waiting.text) {
            const done = this.waiting.resolve;
            this.waiting = null;
            done();
          }
        }
      });
      ws.on('error', () => undefined);
      ws.on('close', retry);
    });
  }

  async start(): Promise<void> {
    await this.connect();
  }

  /** Resolves once the hub has stored the message (it echoes it back), however many reconnects that takes. */
  say(text: string, key: string): Promise<void> {
    return new Promise((resolve) => {
      this.waiting = { text, key, resolve };
      if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'message', text, key }));
    });
  }

  /** A fresh hello returns the newest page of the conversation's history; older pages follow on request, as a reader scrolls up. */
  reload(): Promise<View[]> {
    return new Promise((resolve, reject) => {
      const fresh = new WebSocket(`${this.hubUrl.replace('http', 'ws')}/widget/ws`);
      let pages: View[] = [];
      fresh.on('open', () => fresh.send(JSON.stringify({ type: 'hello', visitorId: this.visitorId })));
      fresh.on('error', reject);
      fresh.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; messages?: View[]; more?: boolean };
        if (frame.type !== 'history' && frame.type !== 'older') return;
        pages = [...(frame.messages ?? []), ...pages];
        if (frame.more && pages[0]) {
          fresh.send(JSON.stringify({ type: 'older', before: pages[0].id }));
          return;
        }
        fresh.close();
        resolve(pages);
      });
    });
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }
}
