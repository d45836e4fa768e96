import type { RpcPort } from '../../shared/rpc/port';

export interface ReconnectingPort extends RpcPort {
  onStatus(listener: (open: boolean) => void): () => void;
}

/**
 * The web host's transport. Frames sent while the socket is down wait for it; the RPC client
 * times out calls that never get an answer.
 */
export function browserWsPort(url: string): ReconnectingPort {
  const listeners = new Set<(frame: string) => void>();
  const statusListeners = new Set<(open: boolean) => void>();
  const queue: string[] = [];
  let socket: WebSocket | null = null;
  let delay = 250;
  /** Set once the host refused this page's token: every later call is answered with that refusal at once. */
  let refusal: string | null = null;

  const open = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      delay = 250;
      statusListeners.forEach((l) => l(true));
      while (queue.length > 0) ws.send(queue.shift()!);
    };
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      const frame = event.data;
      if (frame.includes('"transport_unauthorized"')) refusal = frame;
      listeners.forEach((l) => l(frame));
    };
    ws.onclose = (event) => {
      statusListeners.forEach((l) => l(false));
      if (event.code === 4401) {
        // Wrong token: retrying cannot help. Fail what waits so the user sees why.
        if (refusal) queue.splice(0).forEach((f) => answerRefused(f));
        return;
      }
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 5_000);
    };
  };
  const answerRefused = (frame: string): void => {
    const id = /"id":(\d+)/.exec(frame)?.[1];
    if (!id || !refusal) return;
    const answer = refusal.replace('"id":null', `"id":${id}`);
    queueMicrotask(() => listeners.forEach((l) => l(answer)));
  };
  open();

  return {
    send(frame) {
      if (refusal) answerRefused(frame);
      else if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
      else queue.push(frame);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}
