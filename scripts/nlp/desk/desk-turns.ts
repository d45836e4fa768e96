/**
 * The service-desk texts the hand-labelled sets are drawn from, each with a stable key so a
 * label file names its rows without copying the corpora:
 * - Chinese: every distinct customer turn of the CSDS-topic val dialogues (speakers other than
 *   the agent, merchants included), keyed `csds-val-N#turn`;
 * - English: every Banking77 train row, keyed `b77#record` (1-based, header excluded).
 * A draw takes the items in the order of a seeded hash of their text, so a set grows by taking
 * more of the same order and never reshuffles what was already labelled.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashString } from '../../../src/shared/nlp/common/hash.js';
import { loadCsdsVal } from '../csds.js';
import { dataRoot } from '../datasets.js';
import { parseCsv } from '../intent-corpus.js';

export type DeskLanguage = 'zh' | 'en';

export interface DeskItem {
  key: string;
  text: string;
}

const DRAW_SEED = 0x5e1;
const CHECK_SEED = 0xc4ec;

/** A short fingerprint of the text, stored beside each label so a changed corpus copy is caught. */
export function textCheck(text: string): string {
  return hashString(text, CHECK_SEED).toString(16).padStart(8, '0');
}

function csdsItems(): DeskItem[] {
  const seen = new Set<string>();
  const items: DeskItem[] = [];
  for (const dialogue of loadCsdsVal('all')) {
    dialogue.turns.forEach((turn, index) => {
      const text = turn.text.trim();
      if (turn.speaker !== 'customer' || text === '' || seen.has(text)) return;
      seen.add(text);
      items.push({ key: `${dialogue.id}#${index}`, text });
    });
  }
  return items;
}

function banking77Items(): DeskItem[] {
  const path = join(dataRoot(), 'intent-en/banking77/train.csv');
  const seen = new Set<string>();
  const items: DeskItem[] = [];
  parseCsv(readFileSync(path, 'utf8'))
    .slice(1)
    .forEach((record, i) => {
      const text = (record[0] ?? '').replace(/\s+/g, ' ').trim();
      if (text === '' || seen.has(text)) return;
      seen.add(text);
      items.push({ key: `b77#${i + 1}`, text });
    });
  return items;
}

let cache: Partial<Record<DeskLanguage, Map<string, DeskItem>>> = {};

/** Every candidate item of a language, by key. */
export function deskItems(language: DeskLanguage): Map<string, DeskItem> {
  let items = cache[language];
  if (items === undefined) {
    items = new Map((language === 'zh' ? csdsItems() : banking77Items()).map((item) => [item.key, item]));
    cache = { ...cache, [language]: items };
  }
  return items;
}

/** The first `count` items in draw order. */
export function drawDeskItems(language: DeskLanguage, count: number): DeskItem[] {
  return [...deskItems(language).values()]
    .map((item) => ({ item, order: hashString(item.text, DRAW_SEED) }))
    .sort((a, b) => a.order - b.order || (a.item.key < b.item.key ? -1 : 1))
    .slice(0, count)
    .map(({ item }) => item);
}

/** Two in five labelled items, by a hash of their text, are held back: never trained or tuned on. */
export function isDeskHeldBack(text: string): boolean {
  return hashString(text, 0x4e1d) % 5 < 2;
}
