/**
 * Masks Chinese resident ID numbers (18 characters with a valid checksum, or the older 15 digits with a valid
 * birth date) and bank card numbers (13–19 digits, Luhn valid), keeping only the last four characters. Numbers
 * are found however they are written: spaced or split by dots, dashes or underscores, in full-width or other
 * digit forms, run into letters ("ID1101…"). Numbers that fail their check are left alone, so order ids and
 * phone numbers stay readable.
 */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

const validDate = (month: number, day: number): boolean => month >= 1 && month <= 12 && day >= 1 && day <= 31;

export function isValidResidentId(candidate: string): boolean {
  if (/^[1-8]\d{14}$/.test(candidate)) return validDate(Number(candidate.slice(8, 10)), Number(candidate.slice(10, 12)));
  if (!/^\d{17}[\dXx]$/.test(candidate)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(candidate[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === candidate[17]?.toUpperCase();
}

export function isLuhnValid(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Runs of digits (any script's decimal digits), with the separators people put between groups and an ID's final X. */
const CANDIDATE = /(?<!\p{Nd})\p{Nd}(?:[\s.\-‐‑‒–—_/·]{0,3}\p{Nd})*(?:[XxＸｘ](?![A-Za-z\p{Nd}]))?/gu;
const GROUP = /\p{Nd}+(?:[XxＸｘ])?/gu;

/** A digit or X in any width or script as ASCII, or null when it is neither. */
function ascii(char: string): string | null {
  const folded = char.normalize('NFKC');
  if (/^[0-9Xx]$/.test(folded)) return folded;
  if (!/\p{Nd}/u.test(char)) return null;
  // Other scripts' decimal digits (Arabic-Indic, Devanagari…) come in runs of ten, each starting at its zero.
  let code = char.codePointAt(0) ?? 0;
  let below = 0;
  while (/\p{Nd}/u.test(String.fromCodePoint(code - 1))) {
    code--;
    below++;
  }
  return String(below % 10);
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

function isSensitive(digits: string): boolean {
  if (digits.length === 15 || digits.length === 18) {
    if (isValidResidentId(digits)) return true;
  }
  return /^\d+$/.test(digits) && isLuhnValid(digits);
}

/** Masks every run of neighbouring groups in one candidate that makes a valid ID or card number, the longest from each start. */
function maskCandidate(text: string): string {
  const groups: Group[] = [];
  for (const m of text.matchAll(GROUP)) {
    const chars = [...m[0]].map(ascii);
    if (chars.some((c) => c === null)) return text;
    groups.push({ start: m.index, end: m.index + m[0].length, digits: chars.join('') });
  }
  let out = '';
  let at = 0;
  let i = 0;
  while (i < groups.length) {
    // Never more than 19 digits from group i: a long run of digit groups costs linear time, not quadratic.
    let matched = -1;
    let joined = '';
    let acc = '';
    for (let j = i; j < groups.length; j++) {
      acc += groups[j]?.digits ?? '';
      if (acc.length > 19) break;
      if (acc.length >= 13 && isSensitive(acc)) {
        matched = j;
        joined = acc;
      }
    }
    const first = groups[i];
    const last = groups[matched];
    if (matched < 0 || !first || !last) {
      i++;
      continue;
    }
    out += text.slice(at, first.start) + '*'.repeat(joined.length - 4) + joined.slice(-4);
    at = last.end;
    i = matched + 1;
  }
  return out + text.slice(at);
}

export function redactText(text: string): string {
  return text.replace(CANDIDATE, (candidate) => {
    const digitCount = (candidate.match(/\p{Nd}/gu) ?? []).length;
    return digitCount >= 12 ? maskCandidate(candidate) : candidate;
  });
}
