/**
 * The hand-labelled service-desk sets in scripts/nlp/labels/: one `key<TAB>label<TAB>check` line
 * per item (see desk-turns.ts for keys and the draw, docs/quality.md for the labelling rules).
 * Texts are looked up in ../shared/data, so the repository stores labels, not the corpora.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { firstSubstantiveMessage } from '../../../src/shared/nlp/intent/opening-text.js';
import { loadCsdsVal } from '../csds.js';
import { deskItems, isDeskHeldBack, textCheck, type DeskLanguage } from './desk-turns.js';

export const deskSentimentLabels = ['strong-negative', 'negative', 'neutral', 'positive'] as const;
export type DeskSentimentLabel = (typeof deskSentimentLabels)[number];

export const SERVICE_QUEUE_LABELS = ['logistics', 'returns', 'billing', 'product', 'account', 'none'] as const;
export type QueueLabel = (typeof SERVICE_QUEUE_LABELS)[number];

export interface LabelledText<L extends string> {
  key: string;
  text: string;
  label: L;
}

const LABELS_DIR = join(import.meta.dirname, '../labels');

function readLabelFile<L extends string>(file: string, labels: readonly [L, ...L[]], items: (key: string) => string | undefined): Array<LabelledText<L>> {
  const labelSchema = z.enum(labels);
  const path = join(LABELS_DIR, file);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line, i) => {
      const [key = '', rawLabel = '', check = ''] = line.split('\t');
      const text = items(key);
      if (text === undefined) throw new Error(`${path}:${i + 1}: no item ${key} in the corpus`);
      if (textCheck(text) !== check) throw new Error(`${path}:${i + 1}: the text of ${key} changed since it was labelled`);
      const label = labelSchema.safeParse(rawLabel);
      if (!label.success) throw new Error(`${path}:${i + 1}: unknown label ${JSON.stringify(rawLabel)}`);
      return { key, text, label: label.data };
    });
}

export function loadDeskSentiment(language: DeskLanguage, part: 'train' | 'heldout' | 'all'): Array<LabelledText<DeskSentimentLabel>> {
  const items = deskItems(language);
  const [first, ...rest] = deskSentimentLabels;
  return readLabelFile(`sentiment-${language}.tsv`, [first, ...rest], (key) => items.get(key)?.text).filter(
    (row) => part === 'all' || isDeskHeldBack(row.text) === (part === 'heldout'),
  );
}

/**
 * The hand-made queue of each CSDS dialogue's first message with substance, by dialogue id
 * (scripts/nlp/labels/queue-zh.tsv).
 */
export function loadQueueLabels(): Map<string, QueueLabel> {
  const messages = new Map(loadCsdsVal('all').map((d) => [d.id, firstSubstantiveMessage(d.turns)]));
  const [first, ...rest] = SERVICE_QUEUE_LABELS;
  const rows = readLabelFile('queue-zh.tsv', [first, ...rest], (key) => messages.get(key));
  return new Map(rows.map((row) => [row.key, row.label]));
}
