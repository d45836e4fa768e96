/**
 * The quality targets, checked against the figures eval.ts measured: each with the figure it
 * is judged on (always a held-back set) and whether it is met. Printed by `npm run eval` and shown at
 * the top of docs/quality.md, so a regression is seen at once.
 */
import type { DeskSentimentFigure } from './desk/desk-eval.js';
import type { QueueFigure } from './intent-eval.js';
import type { SentimentFigure } from './sentiment-eval.js';

export interface QualityTarget {
  what: string;
  /** The held-back set the figure is measured on. */
  on: string;
  target: string;
  figure: number;
  met: boolean;
}

export interface TargetFigures {
  desk: readonly DeskSentimentFigure[];
  intent: readonly QueueFigure[];
  /** SST-2 whole sentences held back with all their phrases. */
  wholeSentences: SentimentFigure;
}

export function qualityTargets(figures: TargetFigures): QualityTarget[] {
  const targets: QualityTarget[] = [];
  for (const d of figures.desk.filter((f) => f.part === 'heldout')) {
    const on = d.language === 'zh' ? 'Chinese desk turns, held back' : 'English desk turns, held back';
    targets.push({ what: 'calm (neutral or positive) turns called negative', on, target: '≤ 15%', figure: d.calmCalledNegative, met: d.calmCalledNegative <= 15 });
    targets.push({ what: 'complaints caught', on, target: '≥ 70%', figure: d.complaintsCaught, met: d.complaintsCaught >= 70 });
  }
  const zh = figures.intent.find((f) => f.noneRows !== undefined);
  if (zh) targets.push({ what: 'Chinese desk queue accuracy', on: zh.name, target: '≥ 85%', figure: zh.queueAccuracy, met: zh.queueAccuracy >= 85 });
  const s = figures.wholeSentences;
  targets.push({ what: 'English sentiment on full sentences', on: s.name, target: '≥ 88%', figure: s.accuracy, met: s.accuracy >= 88 });
  return targets;
}

export function renderTargets(targets: readonly QualityTarget[]): string {
  const rows = targets.map((t) => `| ${t.what} | ${t.on} | ${t.target} | **${t.figure.toFixed(1)}** | ${t.met ? 'met' : '**not met**'} |`);
  return ['| target (issue 18) | measured on | target | figure % | |', '| --- | --- | ---: | ---: | --- |', ...rows].join('\n');
}
