import { describe, expect, it } from 'vitest';
import type { DeskSentimentFigure } from './desk/desk-eval.js';
import type { QueueFigure } from './intent-eval.js';
import { qualityTargets, renderTargets } from './quality-targets.js';
import type { SentimentFigure } from './sentiment-eval.js';

const desk = (language: 'zh' | 'en', part: 'heldout' | 'train', calm: number, caught: number) =>
  ({ language, part, calmCalledNegative: calm, complaintsCaught: caught }) as DeskSentimentFigure;
const zhQueues = { name: 'CSDS held back', queueAccuracy: 84.9, noneRows: 3 } as QueueFigure;
const enIntent = { name: 'Banking77 held back', queueAccuracy: 99 } as QueueFigure;
const sentences = { name: 'SST-2 whole sentences', accuracy: 88 } as SentimentFigure;

describe('qualityTargets', () => {
  const targets = qualityTargets({
    desk: [desk('zh', 'heldout', 15.1, 70), desk('zh', 'train', 0, 100), desk('en', 'heldout', 15, 69.9)],
    intent: [zhQueues, enIntent],
    wholeSentences: sentences,
  });

  it('judges the desk targets on the held-back parts only, at their bounds', () => {
    const desks = targets.filter((t) => t.on.includes('desk'));
    expect(desks.map((t) => [t.on, t.what, t.met])).toEqual([
      ['Chinese desk turns, held back', 'calm (neutral or positive) turns called negative', false],
      ['Chinese desk turns, held back', 'complaints caught', true],
      ['English desk turns, held back', 'calm (neutral or positive) turns called negative', true],
      ['English desk turns, held back', 'complaints caught', false],
    ]);
  });

  it('judges the queue target on the Chinese set and the sentence target at 88%', () => {
    expect(targets.find((t) => t.what === 'Chinese desk queue accuracy')).toMatchObject({ on: 'CSDS held back', met: false });
    expect(targets.find((t) => t.what.startsWith('English sentiment'))).toMatchObject({ figure: 88, met: true });
  });

  it('renders a missed target so that it stands out', () => {
    expect(renderTargets(targets)).toContain('| **84.9** | **not met** |');
  });
});
