/**
 * Loaders for the public corpora under ../shared/data. Each returns plain
 * {text, label} rows; label 1 is positive, 0 negative.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hashString } from '../../src/shared/nlp/common/hash.js';

export interface LabeledText {
  text: string;
  label: 0 | 1;
}

export function dataRoot(): string {
  return resolve(process.env['SWITCHBOARD_DATA'] ?? join(import.meta.dirname, '../../../shared/data'));
}

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8').split(/\r?\n/).filter((line) => line.length > 0);
}

function toLabel(raw: string, where: string): 0 | 1 {
  if (raw === '0') return 0;
  if (raw === '1') return 1;
  throw new Error(`${where}: unexpected label ${JSON.stringify(raw)}`);
}

/** Quoted CSV field → text; the review is always the last column, so commas inside it are kept. */
function unquote(field: string): string {
  const trimmed = field.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replace(/""/g, '"');
  }
  return trimmed;
}

/** ChnSentiCorp TSV (label, text_a). Split on the first tab: texts contain quotes, so no CSV parser. */
export function loadChnSentiCorp(split: 'train' | 'dev'): LabeledText[] {
  const path = join(dataRoot(), 'sentiment-zh/chnsenticorp', `${split}.tsv`);
  return readLines(path)
    .slice(1)
    .map((line, i) => {
      const tab = line.indexOf('\t');
      return { label: toLabel(line.slice(0, tab), `${path}:${i + 2}`), text: line.slice(tab + 1) };
    });
}

/**
 * online_shopping and waimai ship without a split (their real hold-outs are
 * not in this copy), so 10% of each, chosen by text hash, is kept back here
 * as a development set for tuning and reporting.
 */
export function isLocalDev(text: string): boolean {
  return hashString(text, 0xde5) % 10 === 0;
}

/** online_shopping_10_cats (cat, label, review), with the ChnSentiCorp-overlapping categories already removed. */
export function loadOnlineShopping(part: 'train' | 'dev'): LabeledText[] {
  const path = join(dataRoot(), 'sentiment-zh/online-shopping/train.csv');
  const rows: LabeledText[] = [];
  readLines(path)
    .slice(1)
    .forEach((line, i) => {
      const first = line.indexOf(',');
      const second = line.indexOf(',', first + 1);
      const text = unquote(line.slice(second + 1));
      if (first < 0 || second < 0 || text.length === 0 || isLocalDev(text) !== (part === 'dev')) return;
      rows.push({ label: toLabel(line.slice(first + 1, second), `${path}:${i + 2}`), text });
    });
  return rows;
}

/** waimai_10k (label, review). */
export function loadWaimai(part: 'train' | 'dev'): LabeledText[] {
  const path = join(dataRoot(), 'sentiment-zh/waimai/train.csv');
  const rows: LabeledText[] = [];
  readLines(path)
    .slice(1)
    .forEach((line, i) => {
      const comma = line.indexOf(',');
      const text = unquote(line.slice(comma + 1));
      if (comma < 0 || text.length === 0 || isLocalDev(text) !== (part === 'dev')) return;
      rows.push({ label: toLabel(line.slice(0, comma), `${path}:${i + 2}`), text });
    });
  return rows;
}

/**
 * SST-2 (GLUE) train, split deterministically by a hash of the text:
 * - `heldout`: about 5% of the rows, never trained on. Most are phrases, and many are parts of
 *   sentences whose other parts are trained on, so this set is easier than unseen sentences.
 * - `long-heldout`: one in ten full sentences of at least SST2_LONG_WORDS words (rows no other row
 *   contains), held back whole: every row that is a part of one of them is dropped from training
 *   too, so these are sentences the model has never seen any piece of, as in GLUE's dev set.
 * - `train`: the rest.
 */
export function loadSst2(part: 'train' | 'heldout' | 'long-heldout'): LabeledText[] {
  return sst2Split()[part];
}

export const SST2_HELDOUT_PERCENT = 5;
export const SST2_LONG_WORDS = 15;

export function isSst2HeldOut(text: string): boolean {
  return hashString(text, 0x5e7) % 100 < SST2_HELDOUT_PERCENT;
}

let sst2Cache: Record<'train' | 'heldout' | 'long-heldout', LabeledText[]> | undefined;

function sst2Split(): Record<'train' | 'heldout' | 'long-heldout', LabeledText[]> {
  if (sst2Cache !== undefined) return sst2Cache;
  const path = join(dataRoot(), 'sentiment-en/sst2/train.tsv');
  const rows = readLines(path)
    .slice(1)
    .map((line, i) => {
      const tab = line.lastIndexOf('\t');
      return { text: line.slice(0, tab).trim(), label: toLabel(line.slice(tab + 1).trim(), `${path}:${i + 2}`) };
    });
  const long = rows.filter((row) => row.text.split(/\s+/).length >= SST2_LONG_WORDS).sort((a, b) => b.text.length - a.text.length);
  const sentences: LabeledText[] = [];
  for (const row of long) if (!sentences.some((s) => s.text.includes(row.text))) sentences.push(row);
  const longHeldout = sentences.filter((row) => hashString(row.text, 0x5e8) % 10 === 0);
  const inLongHeldout = (text: string): boolean => longHeldout.some((s) => s.text.includes(text));
  const rest = rows.filter((row) => !inLongHeldout(row.text));
  sst2Cache = {
    train: rest.filter((row) => !isSst2HeldOut(row.text)),
    heldout: rest.filter((row) => isSst2HeldOut(row.text)),
    'long-heldout': longHeldout,
  };
  return sst2Cache;
}

/**
 * A development split for choosing the sentence network's settings without looking at
 * `long-heldout`: another tenth of the whole sentences (by a different hash), held out of the
 * training rows together with every row that is a piece of them.
 */
export function sst2SentenceDevSplit(): { train: LabeledText[]; dev: LabeledText[] } {
  const split = sst2Split();
  const rows = [...split.train, ...split.heldout];
  const long = rows.filter((row) => row.text.split(/\s+/).length >= SST2_LONG_WORDS).sort((a, b) => b.text.length - a.text.length);
  const sentences: LabeledText[] = [];
  for (const row of long) if (!sentences.some((s) => s.text.includes(row.text))) sentences.push(row);
  const dev = sentences.filter((row) => hashString(row.text, 0x5e9) % 10 === 0);
  const train = split.train.filter((row) => !dev.some((s) => s.text.includes(row.text)));
  return { train, dev };
}
