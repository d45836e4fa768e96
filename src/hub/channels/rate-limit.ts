/**
 * A fixed-window counter per source: enough to stop a runaway or hostile sender from filling
 * the store. In memory, so each hub instance counts on its own (see docs/hub-protocol.md).
 */
export function createRateLimiter(limitPerWindow: number, windowMs: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** True when this request may go on. */
    take(source: string): boolean {
      const at = now();
      if (windows.size > 10_000) for (const [k, w] of windows) if (at - w.start >= windowMs) windows.delete(k);
      const w = windows.get(source);
      if (!w || at - w.start >= windowMs) {
        windows.set(source, { start: at, count: 1 });
        return true;
      }
      w.count++;
      return w.count <= limitPerWindow;
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
