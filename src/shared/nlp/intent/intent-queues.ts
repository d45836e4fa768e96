/**
 * Fine-grained intents → the e-commerce desk queue that handles them, by written tables: the
 * CSDS-topic topics for Chinese (intent-queues-zh.ts) and Banking77's intents for English
 * (intent-queues-en.ts). A bank's desk maps onto the same five skills: card delivery is
 * logistics; refunds, disputed and wrong charges are returns; payments, fees, top-ups and
 * transfers are billing; what the cards and the app do is product; identity, security, access
 * and closing the account are account.
 */
import { EN_INTENT_QUEUES } from './intent-queues-en.js';
import { ZH_TOPIC_QUEUES } from './intent-queues-zh.js';
import type { ServiceQueue } from './service-queues.js';

export type IntentLanguage = 'en' | 'zh';

function index(table: Readonly<Record<ServiceQueue, readonly string[]>>): Map<string, ServiceQueue> {
  return new Map((Object.entries(table) as Array<[ServiceQueue, readonly string[]]>).flatMap(([queue, intents]) => intents.map((intent) => [intent, queue] as const)));
}

const BY_LANGUAGE: Record<IntentLanguage, Map<string, ServiceQueue>> = { en: index(EN_INTENT_QUEUES), zh: index(ZH_TOPIC_QUEUES) };

/** The queue of an intent label, or null for a label no table lists. */
export function queueForIntent(language: IntentLanguage, intent: string): ServiceQueue | null {
  return BY_LANGUAGE[language].get(intent) ?? null;
}
