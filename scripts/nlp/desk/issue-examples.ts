/** The turns the agent-assist issue named, with what a desk needs them to read as; eval.ts reports them. */
import type { SentimentLabel } from '../../../src/shared/nlp/sentiment/sentiment-bands.js';

export interface IssueExample {
  text: string;
  expected: SentimentLabel;
  /** Must also be strongly negative. */
  strong?: boolean;
}

export const ISSUE_EXAMPLES: readonly IssueExample[] = [
  { text: '请问周六营业吗？', expected: 'neutral' },
  { text: '好的，稍等一下', expected: 'neutral' },
  { text: '请问明天能收到吗?', expected: 'neutral' },
  { text: '[订单编号]', expected: 'neutral' },
  { text: 'hello? anyone there', expected: 'neutral' },
  { text: '再不解决我就去12315投诉你们', expected: 'negative', strong: true },
];
