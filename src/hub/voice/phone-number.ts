/**
 * One spelling for every phone number that crosses the trunk: E.164 ("+8621…"). Carriers send the
 * dialled number (DID) and the caller ID in whatever form their switch uses — national with a
 * trunk prefix ("021 5000 1234"), without it, with the country code but no "+" ("8613…"), with the
 * international prefix ("0086…"), or as a 400/800 or 95xxx service number. libphonenumber knows the
 * numbering plans; service numbers it calls invalid (95588, 10086) keep their digits after the
 * country code, so they still compare equal however they arrive.
 */
import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

const countries = new Set<string>(getCountries());

export function isCountryCode(value: string): value is CountryCode {
  return countries.has(value);
}

/** China's short service numbers: 95xxx(x) enterprise lines, 96xxx local services, 1xxxx carrier/public lines. */
const CN_SERVICE = /^(?:95\d{3,6}|96\d{3,6}|1\d{4})$/;

/** The E.164 form of `raw`, or null when it is not a phone number in `defaultCountry`'s plan or internationally. */
export function toE164(raw: string, defaultCountry: CountryCode): string | null {
  const compact = raw.trim().replace(/[\s().-]/g, '');
  if (!/^\+?\d{3,20}$/.test(compact)) return null;
  const parsed = parsePhoneNumberFromString(compact, defaultCountry);
  if (parsed?.isValid()) return parsed.number;
  const national = compact.startsWith('+86') ? compact.slice(3) : compact.replace(/^0086/, '');
  if ((defaultCountry === 'CN' || national !== compact) && CN_SERVICE.test(national)) return `+86${national}`;
  return null;
}
