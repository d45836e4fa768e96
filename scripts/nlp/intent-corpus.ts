/**
 * English intent rows from ../shared/data: Banking77 train.csv (test.csv is not in our copy).
 * 10% of it, chosen by a hash of the text, is held out: never trained on, never tuned on,
 * reported. Another 10% is the development split that settings were chosen on; the shipped
 * model trains on it too. The Chinese rows are in csds-intent-corpus.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { hashString } from '../../src/shared/nlp/common/hash.js';
import { dataRoot } from './datasets.js';

export interface IntentRow {
  text: string;
  intent: string;
  weight: number;
}

export type IntentPart = 'train' | 'dev' | 'train+dev' | 'heldout';

export function inPart(bucket: number, part: IntentPart): boolean {
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
