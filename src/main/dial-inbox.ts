import { randomUUID } from 'node:crypto';
import type { DialRequest } from '../shared/contracts/shell-contract';
import { isDialLink, parseDialUri, type DialUriProblem } from '../shared/dial-uri';
import type { Logger } from '../shared/log';

export interface DialInboxOptions {
  /** A valid link: the UI is asked to dial it. */
  dial(request: DialRequest): void;
  /** A malformed link: the user is told why, and nothing is dialled. */
  refuse(problem: DialUriProblem, message: string): void;
  /** Every valid link, whether sent now or held for the UI (the end-to-end probe records these). */
  accepted?(request: DialRequest): void;
  log: Logger;
  now?: () => number;
}

export interface DialInbox {
  receive(link: string): void;
  /** Requests that arrived before the UI listened; from then on requests go out as events. */
  take(): DialRequest[];
}

/** The app may be started by a tel: link: those requests wait until the UI asks for them. */
const MAX_WAITING = 5;

/**
 * Click-to-dial from tel:/sip: links (protocol handler, second instance, links in our own page).
 * Every link is parsed by the shared parser; nothing else reaches the phone.
 */
export function createDialInbox(options: DialInboxOptions): DialInbox {
  const waiting: DialRequest[] = [];
  let uiListening = false;
  return {
    receive(link) {
      const parsed = parseDialUri(link);
      if (!parsed.ok) {
        options.log.log('warn', 'dial link refused', { problem: parsed.problem });
        options.refuse(parsed.problem, parsed.message);
        return;
      }
      const request: DialRequest = { id: randomUUID(), target: parsed.target, receivedAt: (options.now ?? Date.now)() };
      options.accepted?.(request);
      if (uiListening) options.dial(request);
      else {
        waiting.push(request);
        waiting.splice(0, Math.max(0, waiting.length - MAX_WAITING));
      }
    },
    take() {
      uiListening = true;
      return waiting.splice(0);
    },
  };
}

/** The dial link among a process's arguments (OS protocol handler, second instance), if any. */
export function findDialArgument(argv: readonly string[]): string | null {
  // argv[0] is the executable; a link never starts with a dash, flags are skipped.
  return argv.slice(1).find((arg) => !arg.startsWith('-') && isDialLink(arg)) ?? null;
}
