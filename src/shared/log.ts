import { redactText } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
}

const SECRET_KEYS = /pass|token|secret|authorization|cookie|key|signature|credential/i;
/** `password=…`, `token: …`, `Bearer …` inside free text, e.g. an exception message. */
const SECRET_IN_TEXT = /\b(pass(?:word)?|passwd|token|secret|api[_-]?key|authorization|signature)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/gi;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/g;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g;

/** Masks secrets and ID/card numbers in any text bound for a log. */
export function scrubText(text: string): string {
  return redactText(text.replace(BEARER, 'Bearer [redacted]').replace(JWT, '[redacted-token]').replace(SECRET_IN_TEXT, '$1$2[redacted]'));
}

/** Drops secret-looking fields and masks ID and card numbers in the rest, so a log line is safe to share. */
export function sanitizeFields(fields: LogFields | undefined): LogFields | undefined {
  if (!fields) return undefined;
  const out: LogFields = {};
  for (const [name, value] of Object.entries(fields)) {
    if (SECRET_KEYS.test(name)) out[name] = '[redacted]';
    else if (typeof value === 'string') out[name] = scrubText(value);
    else out[name] = value;
  }
  return out;
}

/** A logger that writes one JSON line per entry through the given sink (stderr in Node, console in a page). */
export function createLogger(scope: string, sink: (line: string) => void, minLevel: LogLevel = 'info'): Logger {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  return {
    log(level, message, fields) {
      if (order[level] < order[minLevel]) return;
      sink(
        JSON.stringify({ t: new Date().toISOString(), level, scope, msg: scrubText(message), ...sanitizeFields(fields) }),
      );
    },
  };
}

/** Collects entries in memory; tests assert on what was logged. */
export function createMemoryLogger(): Logger & { entries: Array<{ level: LogLevel; message: string; fields?: LogFields }> } {
  const entries: Array<{ level: LogLevel; message: string; fields?: LogFields }> = [];
  return {
    entries,
    log(level, message, fields) {
      entries.push({ level, message: scrubText(message), fields: sanitizeFields(fields) });
    },
  };
}
