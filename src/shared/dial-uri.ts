import { z } from 'zod';

/**
 * Click-to-dial: a `tel:` (RFC 3966) or `sip:`/`sips:` (RFC 3261) link, turned into something
 * the phone engine can call — or a reason why not. A link comes from any web page or mail the
 * agent clicks, so it is untrusted: anything that is not plainly a number or a SIP address is
 * refused, and nothing a link carries beyond the address (SIP headers, passwords, odd
 * parameters) reaches the phone.
 */

export const dialTargetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('tel'),
    /** Digits with an optional leading `+`, `*` and `#`; separators removed. */
    number: z.string().regex(/^\+?[0-9*#]{1,32}$/),
    extension: z.string().regex(/^[0-9]{1,16}$/).nullable(),
    /** What to show the agent: the number as the link wrote it. */
    display: z.string().max(80),
  }),
  z.object({
    kind: z.literal('sip'),
    /** Canonical `sip:user@host[:port]` (or `sips:`), without parameters or headers. */
    uri: z.string().max(400),
    user: z.string().min(1).max(64),
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535).nullable(),
    secure: z.boolean(),
    display: z.string().max(400),
  }),
]);
export type DialTarget = z.infer<typeof dialTargetSchema>;

export const dialUriProblems = ['not_a_dial_link', 'too_long', 'bad_encoding', 'bad_number', 'bad_sip_address', 'credentials_in_link'] as const;
export type DialUriProblem = (typeof dialUriProblems)[number];

export type DialUriResult = { ok: true; target: DialTarget } | { ok: false; problem: DialUriProblem; message: string };

const MAX_LINK_LENGTH = 2048;
/** E.164 allows 15 digits; local numbers with access codes run a little longer. */
const MAX_GLOBAL_DIGITS = 15;
const MAX_LOCAL_DIGITS = 32;

const fail = (problem: DialUriProblem, message: string): DialUriResult => ({ ok: false, problem, message });

/** True if the text looks like a link this parser is meant for (used to pick it out of a command line). */
export function isDialLink(text: string): boolean {
  return /^(tel|sips?):/i.test(text.trim());
}

export function parseDialUri(input: string): DialUriResult {
  const text = input.trim();
  if (text.length > MAX_LINK_LENGTH) return fail('too_long', `the link is longer than ${MAX_LINK_LENGTH} characters`);
  const scheme = /^([a-z]+):/i.exec(text)?.[1]?.toLowerCase();
  const rest = scheme ? text.slice(scheme.length + 1) : '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being refused
  if (/[\u0000-\u001f\u007f\s]/.test(rest)) return fail('bad_encoding', 'the link contains spaces or control characters');
  switch (scheme) {
    case 'tel':
      return parseTel(rest);
    case 'sip':
    case 'sips':
      return parseSip(rest, scheme === 'sips');
    default:
      return fail('not_a_dial_link', 'only tel: and sip: links can be dialled');
  }
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function parseTel(rest: string): DialUriResult {
  if (rest.startsWith('//')) return fail('bad_number', 'a tel: link holds a number, not an address');
  const [rawNumber = '', ...params] = rest.split(';');
  const number = decode(rawNumber);
  if (number === null) return fail('bad_encoding', 'the number is not properly encoded');
  // Visual separators of RFC 3966; anything else (letters, slashes, quotes) is refused.
  if (!/^\+?[0-9*#\-.() ]+$/.test(number)) return fail('bad_number', 'the number may contain only digits, +, *, # and separators');
  const global = number.startsWith('+');
  const digits = number.replace(/[-.() ]/g, '');
  const count = digits.replace(/^\+/, '').length;
  if (count === 0) return fail('bad_number', 'the link has no digits to dial');
  if (global && !/^\+[0-9]+$/.test(digits)) return fail('bad_number', 'an international number may contain only digits after the +');
  if (count > (global ? MAX_GLOBAL_DIGITS : MAX_LOCAL_DIGITS)) return fail('bad_number', 'the number has too many digits');

  let extension: string | null = null;
  for (const param of params) {
    const [name = '', value = ''] = param.split('=', 2);
    if (!/^[a-z0-9-]+$/i.test(name)) return fail('bad_number', 'the link has a malformed parameter');
    if (name.toLowerCase() === 'ext') {
      const ext = (decode(value) ?? '').replace(/[-.()]/g, '');
      if (!/^[0-9]{1,16}$/.test(ext)) return fail('bad_number', 'the extension may contain only digits');
      extension = ext;
    }
    // phone-context, isub and the rest do not change what the softphone dials.
  }
  return { ok: true, target: { kind: 'tel', number: digits, extension, display: number.slice(0, 80) } };
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^\[[0-9a-f:.]{2,45}\]$/i;
/** RFC 3261 user: unreserved, escaped and user-unreserved characters, here after %-decoding. */
const SIP_USER = /^[a-z0-9\-_.!~*'()&=+$,;?/]{1,64}$/i;

function parseSip(rest: string, secure: boolean): DialUriResult {
  // Headers (`?Route=…`) could steer the call; parameters are not the address. Both are dropped.
  const address = rest.split('?', 1)[0]!.split(';', 1)[0]!;
  const at = address.lastIndexOf('@');
  if (at <= 0) return fail('bad_sip_address', 'a sip: link needs a user and a host, like sip:alice@example.com');
  const userInfo = address.slice(0, at);
  if (userInfo.includes(':')) return fail('credentials_in_link', 'the link carries a password; it is not dialled');
  const user = decode(userInfo);
  if (user === null) return fail('bad_encoding', 'the user part is not properly encoded');
  if (!SIP_USER.test(user)) return fail('bad_sip_address', 'the user part contains characters a SIP address may not');

  const hostPort = address.slice(at + 1);
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(hostPort);
  const host = match?.[1]?.toLowerCase() ?? '';
  if (!match || !(IPV4.test(host) || IPV6.test(host) || (HOSTNAME.test(host) && !/^[\d.]+$/.test(host)))) {
    return fail('bad_sip_address', 'the host part is not a valid host name or IP address');
  }
  let port: number | null = null;
  if (match[2] !== undefined) {
    port = Number(match[2]);
    if (port < 1 || port > 65535) return fail('bad_sip_address', 'the port must be between 1 and 65535');
  }
  const scheme = secure ? 'sips' : 'sip';
  const encodedUser = user.replace(/[^a-z0-9\-_.!~*'()&=+$,]/gi, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  const uri = `${scheme}:${encodedUser}@${host}${port === null ? '' : `:${port}`}`;
  return { ok: true, target: { kind: 'sip', uri, user, host, port, secure, display: `${user}@${host}` } };
}
