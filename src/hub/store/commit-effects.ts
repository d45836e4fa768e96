type Effect = () => void;

export interface CommitEffects {
  /** Runs `fn` in a transaction (nested ones are savepoints); effects it registers wait for the outermost commit. */
  transaction<T>(fn: () => T): T;
  /**
   * Runs `effect` once the open transaction commits, or at once when none is open. A rollback drops
   * the effects registered inside what it undid; an inner rollback that the outer transaction survives
   * drops only the inner one's, as SQLite keeps the rest.
   */
  afterCommit(effect: Effect): void;
}

/**
 * What leaves the hub (events on the bus, hence on sockets) must never describe a write that is later
 * rolled back, nor reach a client before the write is readable. Effects run in the order they were
 * registered; one registered while others run (a listener writing in turn) waits behind them, so events
 * reach listeners in seq order, which the agent socket's `after` relies on.
 */
export function createCommitEffects(run: <T>(fn: () => T) => T): CommitEffects {
  /** One list per open transaction, innermost last. */
  const open: Effect[][] = [];
  const due: Effect[] = [];
  let running = false;

  function runDue(): void {
    if (running) return;
    running = true;
    // Each effect runs even when one before it failed; the caller hears of the first failure after all ran.
    const failures: unknown[] = [];
    try {
      for (let next = due.shift(); next; next = due.shift()) {
        try {
          next();
        } catch (cause) {
          failures.push(cause);
        }
      }
    } finally {
      running = false;
    }
    if (failures.length > 0) throw failures[0];
  }

  return {
    transaction<T>(fn: () => T): T {
      const effects: Effect[] = [];
      open.push(effects);
      let result: T;
      try {
        result = run(fn);
      } finally {
        open.pop();
      }
      const parent = open.at(-1);
      if (parent) parent.push(...effects);
      else {
        due.push(...effects);
        runDue();
      }
      return result;
    },
    afterCommit(effect) {
      const current = open.at(-1);
      if (current) current.push(effect);
      else {
        due.push(effect);
        runDue();
      }
    },
  };
}
