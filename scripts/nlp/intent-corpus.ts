/**
 * Intent training and evaluation rows from ../shared/data.
 *
 * English: Banking77 train.csv (test.csv is not in our copy). 10% of it, chosen by a hash of
 * the text, is held out: never trained on, never tuned on, reported. Another 10% is the
 * development split that settings were chosen on; the shipped model trains on it too.
 *
 * Chinese: the CSDS-topic val dialogues (train.json is not in our copy). A fifth of the
 * dialogues, by id hash, is held out the same way. The rest train on the customer's opening
 * (see opening-text.ts) labelled with the dialogue's first topic, plus each QA summary's user
 * sentence ("用户询问…") labelled with that QA's topic.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { hashString } from '../../src/shared/nlp/common/hash.js';
import { openingText } from '../../src/shared/nlp/intent/opening-text.js';
import { loadCsdsVal } from './csds.js';
import { dataRoot } from './datasets.js';

export interface IntentRow {
  text: string;
  intent: string;
  weight: number;
}

export type IntentPart = 'train' | 'dev' | 'train+dev' | 'heldout';

function inPart(bucket: number, part: IntentPart): boolean {
  if (part === 'heldout') return bucket === 0;
  if (part === 'dev') return bucket === 1;
  if (part === 'train') return bucket >= 2;
  return bucket >= 1;
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks (Banking77 has all three). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      if (record.some((f) => f.length > 0)) records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  record.push(field);
  if (record.some((f) => f.length > 0)) records.push(record);
  return records;
}

export function loadBanking77(part: IntentPart): IntentRow[] {
  const path = join(dataRoot(), 'intent-en/banking77/train.csv');
  return parseCsv(readFileSync(path, 'utf8'))
    .slice(1)
    .map((record, i) => {
      if (record.length !== 2) throw new Error(`${path}: record ${i + 2} has ${record.length} fields, expected text,category`);
      return { text: record[0]!.replace(/\s+/g, ' ').trim(), intent: record[1]!.trim() };
    })
    .filter((row) => inPart(hashString(row.text, 0xb77) % 10, part))
    .map((row) => ({ ...row, weight: 1 }));
}

export function banking77Labels(): string[] {
  const path = join(dataRoot(), 'intent-en/banking77/categories.json');
  return z.array(z.string()).parse(JSON.parse(readFileSync(path, 'utf8')));
}

const csdsRowSchema = z.array(z.object({ Dialogue: z.string(), Topic: z.string(), QASumm: z.string() }));

/** The user's half of a QA summary: "用户询问可否改站点。客服回答…" → "用户询问可否改站点". */
function userSentence(qa: string): string {
  const first = qa.split('。')[0] ?? '';
  return first.startsWith('用户') ? first : '';
}

export function loadCsdsIntent(part: IntentPart): IntentRow[] {
  const dialogues = loadCsdsVal('all');
  const qaRows = csdsRowSchema.parse(JSON.parse(readFileSync(join(dataRoot(), 'summaries-zh/csds-topic/val.json'), 'utf8')));
  // val.json lists QA rows dialogue by dialogue, in the order of val-dialogues.jsonl's ids.
  const qaByDialogue: Array<Array<{ topic: string; qa: string }>> = [];
  let previous = '';
  for (const row of qaRows) {
    if (row.Dialogue !== previous) qaByDialogue.push([]);
    previous = row.Dialogue;
    qaByDialogue[qaByDialogue.length - 1]!.push({ topic: row.Topic, qa: row.QASumm });
  }
  if (qaByDialogue.length !== dialogues.length) throw new Error(`CSDS: ${qaByDialogue.length} QA groups for ${dialogues.length} dialogues`);
  const rows: IntentRow[] = [];
  dialogues.forEach((dialogue, i) => {
    const h = hashString(dialogue.id, 0x1e7) % 10;
    // 20% held out (h 0 and 5), 10% dev (h 1), the rest train.
    if (!inPart(h % 5 === 0 ? 0 : h === 1 ? 1 : 2, part)) return;
    const qas = qaByDialogue[i]!;
    const text = openingText(dialogue.turns);
    if (text.trim() !== '') rows.push({ text, intent: qas[0]!.topic, weight: 1 });
    if (part === 'heldout' || part === 'dev') return;
    for (const { topic, qa } of qas) {
      const sentence = userSentence(qa);
      if (sentence !== '') rows.push({ text: sentence, intent: topic, weight: 0.5 });
    }
  });
  return rows;
}
