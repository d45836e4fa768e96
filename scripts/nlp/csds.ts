/**
 * The CSDS-topic validation dialogues, split by id hash into a tuning half
 * and a report half so the summarizer's hand-tuned cues are judged on
 * dialogues they were not tuned on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { hashString } from '../../src/shared/nlp/common/hash.js';
import type { ConversationTurn } from '../../src/shared/nlp/summary/conversation-turn.js';
import { dataRoot } from './datasets.js';

const rowSchema = z.object({
  id: z.string(),
  turns: z.array(z.object({ speaker: z.string(), text: z.string() })),
  reference: z.string(),
});

export interface CsdsDialogue {
  id: string;
  turns: ConversationTurn[];
  reference: string;
}

export function loadCsdsVal(part: 'tune' | 'report' | 'all'): CsdsDialogue[] {
  const path = join(dataRoot(), 'summaries-zh/csds-topic/val-dialogues.jsonl');
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => rowSchema.parse(JSON.parse(line)))
    .filter((row) => part === 'all' || (hashString(row.id, 0xc5d5) % 2 === 0) === (part === 'tune'))
    .map((row) => ({
      id: row.id,
      reference: row.reference,
      // "unknown" speakers are merchants writing to JD's merchant desk: on the asking side.
      turns: row.turns.map((t) => ({ speaker: t.speaker === 'agent' ? 'agent' : 'customer', text: t.text })),
    }));
}
