import { describe, expect, it } from 'vitest';
import { loadDefaultSentimentClassifier } from './default-classifier.js';

const classifier = loadDefaultSentimentClassifier();
const label = (text: string): string => classifier.classify(text).label;

describe('shipped sentiment classifier', () => {
  it('reads Chinese complaints and praise', () => {
    expect(label('不好吃，太难吃了')).toBe('negative');
    expect(label('客服态度太差了，我要投诉')).toBe('negative');
    expect(label('非常满意，下次还来')).toBe('positive');
    expect(label('谢谢，问题解决了')).toBe('positive');
  });

  it('handles Chinese negation', () => {
    expect(label('不满意')).toBe('negative');
    expect(label('不错')).toBe('positive');
  });

  it('handles English negation and intensifiers', () => {
    expect(label('not bad at all')).not.toBe('negative');
    expect(label('I am not happy')).toBe('negative');
    expect(label('not good')).toBe('negative');
    expect(classifier.classify('the service was very bad').score).toBeLessThan(-0.5);
    expect(label('thanks, that solved it!')).toBe('positive');
  });

  it('reads emoji', () => {
    expect(label('😡😡')).toBe('negative');
    expect(label('👍')).toBe('positive');
    expect(classifier.classify('好的😡😡😡').score).toBeLessThan(classifier.classify('好的').score);
  });

  it('gives sensible output for empty, binary, huge and mixed text', () => {
    expect(classifier.classify('')).toMatchObject({ label: 'neutral', score: 0 });
    const binary = String.fromCharCode(...Array.from({ length: 300 }, (_, i) => i % 256));
    const results = [binary, '\u0000\uffff\ud800', '太差了'.repeat(50_000), '这个app太卡了 so slow'].map((t) =>
      classifier.classify(t),
    );
    for (const r of results) {
      expect(Number.isFinite(r.score)).toBe(true);
      expect(Math.abs(r.score)).toBeLessThanOrEqual(1);
    }
    expect(results[2]!.label).toBe('negative');
    expect(results[3]!.language).toBe('mixed');
  });
});
