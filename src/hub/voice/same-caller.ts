import type { CountryCode } from 'libphonenumber-js/max';
import type { Conversation } from '../../shared/domain/conversation';
import { toE164 } from './phone-number';

/**
 * [#17 C16] Whether a route query or call event about a known Call-ID comes from that call's own caller. Kamailio
 * reports the From user as it came (a trunk's national form too); the hub stored it (in E.164 for the trunk).
 */
export function sameCaller(conversation: Conversation, caller: string, country: CountryCode): boolean {
  const stored = conversation.call?.caller;
  return stored !== undefined && (stored === caller || stored === (toE164(caller, country) ?? caller));
}
