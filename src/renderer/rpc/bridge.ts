import type { RpcPort } from '../../shared/rpc/port';

/** The one bridge the Electron preload exposes: text frames of the typed RPC, nothing generic. */
export interface SwitchboardBridge {
  send(frame: string): void;
  onMessage(listener: (frame: string) => void): () => void;
}

declare global {
  interface Window {
    switchboard?: SwitchboardBridge;
  }
}

export function bridgePort(bridge: SwitchboardBridge): RpcPort {
  return { send: (frame) => bridge.send(frame), onMessage: (listener) => bridge.onMessage(listener) };
}
