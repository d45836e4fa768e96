/**
 * What a customer said before the agent could steer the conversation: their turns up to the
 * agent's first real reply. Openers like "在吗" or a bare order number carry no intent, so the
 * customer's turns until the first one with some substance are joined (at most three).
 */
import type { ConversationTurn } from '../summary/conversation-turn.js';

const PLACEHOLDER = /\[[^\]]*\]/g;
const SUBSTANCE_CHARS = 6;

function substance(text: string): number {
  return [...text.replace(PLACEHOLDER, '').replace(/[\p{P}\p{S}\s]/gu, '')].length;
}

export function openingText(turns: readonly ConversationTurn[], maxTurns = 3): string {
  const picked: string[] = [];
  for (const turn of turns) {
    if (turn.speaker !== 'customer') {
      if (picked.some((t) => substance(t) >= SUBSTANCE_CHARS)) break;
      continue;
    }
    picked.push(turn.text);
    if (substance(turn.text) >= SUBSTANCE_CHARS || picked.length >= maxTurns) break;
  }
  return picked.join('，');
}
