/**
 * Chinese intent rows from the CSDS-topic val dialogues (train.json is not in our copy). A fifth
 * of the dialogues, by id hash, is held out (never trained or tuned on, reported), a tenth is the
 * development split settings are chosen on (the shipped models train on it too).
 * - Topics (the fine-grained intent): the customer's opening (opening-text.ts) labelled with the
 *   dialogue's first topic, plus each QA summary's user sentence ("用户询问…") with that QA's topic.
 * - Queues: the customer's first message with substance, labelled by hand (scripts/nlp/labels/
 *   queue-zh.tsv, rules in docs/quality.md), plus each QA user sentence with its topic's queue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { hashString } from '../../src/shared/nlp/common/hash.js';
import { queueForIntent } from '../../src/shared/nlp/intent/intent-queues.js';
import { firstSubstantiveMessage, openingText } from '../../src/shared/nlp/intent/opening-text.js';
import type { ServiceQueue } from '../../src/shared/nlp/intent/service-queues.js';
import { loadCsdsVal, type CsdsDialogue } from './csds.js';
import { dataRoot } from './datasets.js';
import { loadQueueLabels, type QueueLabel } from './desk/desk-labels.js';
import { inPart, type IntentPart, type IntentRow } from './intent-corpus.js';

const csdsRowSchema = z.array(z.object({ Dialogue: z.string(), Topic: z.string(), QASumm: z.string() }));

export interface CsdsIntentDialogue {
  dialogue: CsdsDialogue;
  qas: Array<{ topic: string; qa: string }>;
  /** 0 held out, 1 dev, 2 train (see inPart). */
  bucket: number;
}

let cache: CsdsIntentDialogue[] | undefined;

/** Every CSDS-topic val dialogue with its QA summaries and its split bucket. */
export function csdsIntentDialogues(): CsdsIntentDialogue[] {
  if (cache !== undefined) return cache;
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
  cache = dialogues.map((dialogue, i) => {
    const h = hashString(dialogue.id, 0x1e7) % 10;
    // 20% held out (h 0 and 5), 10% dev (h 1), the rest train.
    return { dialogue, qas: qaByDialogue[i]!, bucket: h % 5 === 0 ? 0 : h === 1 ? 1 : 2 };
  });
  return cache;
}

/** The user's half of a QA summary: "用户询问可否改站点。客服回答…" → "用户询问可否改站点". */
function userSentence(qa: string): string {
  const first = qa.split('。')[0] ?? '';
  return first.startsWith('用户') ? first : '';
}

export function loadCsdsTopics(part: IntentPart): IntentRow[] {
  const rows: IntentRow[] = [];
  for (const { dialogue, qas, bucket } of csdsIntentDialogues()) {
    if (!inPart(bucket, part)) continue;
    const text = openingText(dialogue.turns);
    if (text.trim() !== '') rows.push({ text, intent: qas[0]!.topic, weight: 1 });
    if (part === 'heldout' || part === 'dev') continue;
    for (const { topic, qa } of qas) {
      const sentence = userSentence(qa);
      if (sentence !== '') rows.push({ text: sentence, intent: topic, weight: 0.5 });
    }
  }
  return rows;
}

export interface QueueRow {
  dialogueId: string;
  text: string;
  queue: QueueLabel;
  weight: number;
}

/**
 * Hand-labelled first messages of the part's dialogues ("none" included: the caller decides), and
 * for training parts also the QA user sentences with their topic's queue.
 */
export function loadCsdsQueues(part: IntentPart): QueueRow[] {
  const labels = loadQueueLabels();
  const rows: QueueRow[] = [];
  for (const { dialogue, qas, bucket } of csdsIntentDialogues()) {
    if (!inPart(bucket, part)) continue;
    const text = firstSubstantiveMessage(dialogue.turns);
    const label = labels.get(dialogue.id);
    if (text !== undefined && label !== undefined) rows.push({ dialogueId: dialogue.id, text, queue: label, weight: 1 });
    if (part === 'heldout' || part === 'dev') continue;
    for (const { topic, qa } of qas) {
      const sentence = userSentence(qa);
      const queue: ServiceQueue | null = queueForIntent('zh', topic);
      if (sentence !== '' && queue !== null) rows.push({ dialogueId: dialogue.id, text: sentence, queue, weight: 0.5 });
    }
  }
  return rows;
}
