/**
 * A sanity check in front of the SIP stack, like Kamailio's sanity module.
 * sip.js and JsSIP both throw uncaught errors on some RFC 4475 torture
 * messages (a Request-URI with an unknown scheme) and answer several invalid
 * ones as if they were fine; this stops those at the transport. It checks the
 * few things a UA cannot safely guess, and leaves everything else to the stack.
 */

export type GuardVerdict =
  | { action: 'pass' }
  /** Answer the request with this status and do not hand it to the stack. */
  | { action: 'reply'; status: number; reason: string; reply: string }
  /** Drop silently: a bad response, an ACK, or too broken to answer. */
  | { action: 'drop'; reason: string };

const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;
const MAX_CSEQ = 2 ** 31 - 1;

interface ParsedHead {
  startLine: string;
  headers: Array<{ name: string; value: string }>;
  body: string;
}

const COMPACT: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  l: 'content-length',
  m: 'contact',
  c: 'content-type',
  k: 'supported',
  s: 'subject',
  e: 'content-encoding',
};

function parseHead(raw: string): ParsedHead | null {
  const split = raw.search(/\r?\n\r?\n/);
  if (split < 0) return null;
  const head = raw.slice(0, split);
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const lines = head.split(/\r?\n/);
  const startLine = lines.shift() ?? '';
  const headers: ParsedHead['headers'] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line)) {
      // Folded continuation of the previous header.
      const last = headers.at(-1);
      if (!last) return null;
      last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return null;
    const rawName = line.slice(0, colon).trim().toLowerCase();
    headers.push({ name: COMPACT[rawName] ?? rawName, value: line.slice(colon + 1).trim() });
  }
  return { startLine, headers, body };
}

function values(head: ParsedHead, name: string): string[] {
  return head.headers.filter((h) => h.name === name).map((h) => h.value);
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function quotesBalanced(value: string): boolean {
  let inQuote = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (inQuote && ch === '\\') i++;
    else if (ch === '"') inQuote = !inQuote;
  }
  return !inQuote;
}

/** Status line + the headers a UAS must echo (RFC 3261 §8.2.6.2). */
function buildReply(head: ParsedHead, status: number, reason: string): string {
  const echo = (name: string, label: string): string[] => values(head, name).map((v) => `${label}: ${v}`);
  const to = values(head, 'to')[0] ?? '';
  const toWithTag = /;\s*tag=/i.test(to) ? to : `${to};tag=guard${Math.random().toString(36).slice(2, 10)}`;
  return [
    `SIP/2.0 ${status} ${reason}`,
    ...echo('via', 'Via'),
    ...echo('from', 'From'),
    `To: ${toWithTag}`,
    ...echo('call-id', 'Call-ID'),
    ...echo('cseq', 'CSeq'),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

function checkCommon(head: ParsedHead): string | null {
  for (const name of ['via', 'from', 'to', 'call-id', 'cseq']) {
    const count = values(head, name).length;
    if (count === 0) return `missing ${name}`;
    if (name !== 'via' && count > 1) return `more than one ${name}`;
  }
  for (const name of ['from', 'to']) {
    if (!values(head, name).every(quotesBalanced)) return `unterminated quoted string in ${name}`;
  }
  const lengths = values(head, 'content-length');
  if (lengths.length > 1) return 'more than one content-length';
  const length = lengths[0];
  if (length !== undefined) {
    if (!/^\d{1,10}$/.test(length) || Number(length) > MAX_CSEQ) return 'bad content-length';
    if (Number(length) > utf8Length(head.body)) return 'content-length larger than the message';
  }
  const maxForwards = values(head, 'max-forwards')[0];
  if (maxForwards !== undefined && (!/^\d+$/.test(maxForwards) || Number(maxForwards) > 255)) return 'bad max-forwards';
  return null;
}

export function inspectSipMessage(raw: string): GuardVerdict {
  const head = parseHead(raw);
  if (!head) return { action: 'drop', reason: 'no header/body separator' };

  const status = /^SIP\/2\.0 (\d{3}) [^\r\n]*$/.exec(head.startLine);
  if (head.startLine.startsWith('SIP/')) {
    if (!status) return { action: 'drop', reason: 'bad status line' };
    const code = Number(status[1]);
    if (code < 100 || code > 699) return { action: 'drop', reason: 'status code out of range' };
    const problem = checkCommon(head);
    if (problem) return { action: 'drop', reason: problem };
    const cseq = /^(\d{1,10})\s+\S+$/.exec(values(head, 'cseq')[0] ?? '');
    return cseq && Number(cseq[1]) <= MAX_CSEQ ? { action: 'pass' } : { action: 'drop', reason: 'bad CSeq' };
  }

  const request = /^(\S+) (\S+) (SIP\/\d+\.\d+)$/.exec(head.startLine);
  const method = request?.[1] ?? '';
  const uri = request?.[2] ?? '';
  const version = request?.[3] ?? '';
  // Only answer when we can address the answer; never answer an ACK.
  const answer = (code: number, reason: string): GuardVerdict => {
    const answerable = method !== 'ACK' && values(head, 'via').length > 0 && values(head, 'call-id').length === 1 && values(head, 'cseq').length === 1;
    return answerable ? { action: 'reply', status: code, reason, reply: buildReply(head, code, reason) } : { action: 'drop', reason };
  };

  if (!request || !TOKEN.test(method)) return answer(400, 'Bad Request Line');
  if (version !== 'SIP/2.0') return answer(505, 'Version Not Supported');
  // '?' is legal in the user part (RFC 3261 user-unreserved) but headers are not allowed in a Request-URI.
  const hostPart = uri.slice(uri.lastIndexOf('@') + 1);
  if (/[<>"]/.test(uri) || (/^sips?:/i.test(uri) && hostPart.includes('?'))) return answer(400, 'Bad Request-URI');
  if (!/^(sips?|tel):/i.test(uri)) return answer(416, 'Unsupported URI Scheme');

  const problem = checkCommon(head);
  if (problem) return answer(400, problem.replace(/^./, (c) => c.toUpperCase()));

  const cseq = /^(\d{1,10})\s+(\S+)$/.exec(values(head, 'cseq')[0] ?? '');
  if (!cseq || Number(cseq[1]) > MAX_CSEQ) return answer(400, 'Bad CSeq');
  if (cseq[2] !== method) return answer(400, 'CSeq Method Mismatch');
  return { action: 'pass' };
}
