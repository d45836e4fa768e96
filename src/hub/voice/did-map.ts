/**
 * Which queue answers each dialled number (DID) of the carrier trunk: SIP_DIDS, e.g.
 * "+862150001234=voice, 4008001234=vip". Numbers are stored in E.164 so the carrier's spelling
 * of the DID ("02150001234", "862150001234") does not matter.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { toE164 } from './phone-number';

export type DidMap = ReadonlyMap<string, string>;

export function parseDidMap(text: string, defaultCountry: CountryCode): DidMap {
  const map = new Map<string, string>();
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [number = '', queue = '', ...rest] = entry.split('=').map((p) => p.trim());
    const e164 = toE164(number, defaultCountry);
    if (!e164 || !/^[A-Za-z0-9_-]{1,64}$/.test(queue) || rest.length > 0) {
      throw new Error(`SIP_DIDS: "${entry}" is not NUMBER=QUEUE_ID with a phone number in ${defaultCountry}'s plan or E.164`);
    }
    if (map.has(e164)) throw new Error(`SIP_DIDS: ${e164} is listed twice`);
    map.set(e164, queue);
  }
  return map;
}
