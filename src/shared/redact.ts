/**
 * Masks Chinese resident ID numbers (18 characters, valid checksum) and bank card numbers
 * (13–19 digits, Luhn valid), keeping only the last four characters. Numbers that fail the
 * checksum are left alone, so order ids and phone numbers stay readable.
 */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function isValidResidentId(candidate: string): boolean {
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

function mask(value: string): string {
  return '*'.repeat(value.length - 4) + value.slice(-4);
}

/** Card numbers are often written in groups of four: join them before checking. */
const CANDIDATE = /(?<![\dA-Za-z])(\d{17}[\dXx]|\d(?:[ -]?\d){12,18})(?![\dA-Za-z])/g;

export function redactText(text: string): string {
  return text.replace(CANDIDATE, (match) => {
    if (isValidResidentId(match)) return mask(match);
    const digits = match.replace(/[ -]/g, '');
    if (isLuhnValid(digits)) return mask(digits);
    return match;
  });
}
