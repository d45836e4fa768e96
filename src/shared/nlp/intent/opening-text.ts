/**
 * What a customer asks before the agent can steer the conversation. Openers like "在吗", "人工",
 * "hello?" or a pasted order reference carry no request, so routing waits for the first message
 * with some substance (`hasSubstance`); `openingText` joins the customer's turns up to the first
 * such one (at most three), for models that read a little more.
 */
import type { ConversationTurn } from '../summary/conversation-turn.js';

/** Placeholders, references and menu picks the desk software inserts or customers paste. */
const REFERENCES = /\[[^\]]*\]|https?:\/\/\S+|顾客通过点击.*|请选择咨询订单|订单(?:业务|类)咨询|(?:咨询|查询)?订单(?:编)?号[:：]?|商品id[:：]?\s*\d*|运单号|服务单号|(?:vb|va|vc|qh)\d*/giu;
/** Greetings and requests for a person, in the languages the desk serves. */
const OPENERS =
  /你好|您好|在吗|在么|在不在|在不|有人吗|有人在吗|人工客服|转人工|人工服务|人工|客服|亲|请问|hello|hi|hey|anyone there|is anyone|good (?:morning|afternoon|evening)|商家[:：]/giu;
const SUBSTANCE_CHARS = 4;
const SUBSTANCE_WORDS = 2;

/** What is left of a message without references, openers, digits, punctuation and spaces. */
function residue(text: string): string {
  return text.normalize('NFKC').replace(REFERENCES, ' ').replace(OPENERS, ' ').replace(/[\p{P}\p{S}\d]/gu, ' ');
}

/** Whether a message carries a request the desk could route on (not "在吗", "人工", "hello?", a bare order number). */
export function hasSubstance(text: string): boolean {
  const rest = residue(text);
  const han = (rest.match(/\p{Script=Han}/gu) ?? []).length;
  const words = (rest.match(/[a-z]{2,}/giu) ?? []).length;
  return han >= SUBSTANCE_CHARS || words >= SUBSTANCE_WORDS || han + 2 * words >= SUBSTANCE_CHARS;
}

/** The customer's first message with substance, or undefined when there is none. */
export function firstSubstantiveMessage(turns: readonly ConversationTurn[]): string | undefined {
  return turns.find((turn) => turn.speaker === 'customer' && hasSubstance(turn.text))?.text;
}

export function openingText(turns: readonly ConversationTurn[], maxTurns = 3): string {
  const picked: string[] = [];
  for (const turn of turns) {
    if (turn.speaker !== 'customer') {
      if (picked.some(hasSubstance)) break;
      continue;
    }
    picked.push(turn.text);
    if (hasSubstance(turn.text) || picked.length >= maxTurns) break;
  }
  return picked.join('，');
}
