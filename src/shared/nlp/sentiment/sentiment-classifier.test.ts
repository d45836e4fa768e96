import { describe, expect, it } from 'vitest';
import { loadDefaultSentimentClassifier } from './default-classifier.js';
import { SENTIMENT_NEGATIVE_AT, SENTIMENT_POSITIVE_AT, SENTIMENT_STRONGLY_NEGATIVE_AT, sentimentLabelOf } from './sentiment-bands.js';

const classifier = loadDefaultSentimentClassifier();
const label = (text: string): string => classifier.classify(text).label;

describe('shipped sentiment classifier at a service desk', () => {
  it('reads ordinary customer turns as neutral, not as complaints', () => {
    for (const text of ['请问周六营业吗？', '好的，稍等一下', '请问明天能收到吗?', '[订单编号]', 'hello? anyone there', '在吗', '我想开一张增值税发票', 'How do I change my PIN?']) {
      expect(label(text), text).toBe('neutral');
    }
  });

  it('marks a threat to complain as strongly negative', () => {
    const result = classifier.classify('再不解决我就去12315投诉你们');
    expect(result).toMatchObject({ label: 'negative', strongNegative: true });
    expect(result.score).toBeLessThanOrEqual(SENTIMENT_STRONGLY_NEGATIVE_AT);
    expect(classifier.classify('I want to speak to a manager, this is ridiculous').label).toBe('negative');
  });

  it('catches impatience and harm, which reviews never taught', () => {
    expect(label('这都一个星期了还没到，你们怎么回事')).toBe('negative');
    expect(label('收到货安装时发现坏了')).toBe('negative');
    expect(label('I was charged twice for the same coffee')).toBe('negative');
    expect(label("It's been a week since you sent my card and I still don't have it.")).toBe('negative');
  });

  it('reads Chinese complaints and praise', () => {
    expect(label('不好吃，太难吃了')).toBe('negative');
    expect(label('客服态度太差了，我要投诉')).toBe('negative');
    expect(label('非常满意，下次还来')).toBe('positive');
    expect(label('谢谢，问题解决了')).toBe('positive');
  });

  it('handles negation in both languages', () => {
    expect(label('不满意')).toBe('negative');
    expect(label('不错')).toBe('positive');
    expect(label('not bad at all')).not.toBe('negative');
    expect(label('I am not happy')).toBe('negative');
    expect(label('not good')).toBe('negative');
    expect(classifier.classify('the service was very bad').score).toBeLessThan(-0.5);
    expect(label('thanks, that solved it!')).toBe('positive');
  });

  it('reads full-width text like its half-width form', () => {
    expect(classifier.classify('ｈｅｌｌｏ？ ａｎｙｏｎｅ ｔｈｅｒｅ').label).toBe('neutral');
    expect(classifier.classify('请问明天能收到吗？').score).toBeCloseTo(classifier.classify('请问明天能收到吗?').score, 6);
    expect(label('ＩＴ ＩＳ ＲＩＤＩＣＵＬＯＵＳ， ＩＴ ＳＴＩＬＬ ＨＡＳ ＮＯＴ ＡＲＲＩＶＥＤ')).toBe('negative');
  });

  it('reads emoji', () => {
    expect(label('😡😡')).toBe('negative');
    expect(label('👍')).toBe('positive');
    expect(classifier.classify('好的😡😡😡').score).toBeLessThan(classifier.classify('好的').score);
  });

  it('gives sensible output for empty, binary, huge and mixed text', () => {
    expect(classifier.classify('')).toMatchObject({ label: 'neutral', score: 0, strongNegative: false });
    const binary = String.fromCharCode(...Array.from({ length: 300 }, (_, i) => i % 256));
    const results = [binary, '\u0000\uffff\ud800', '太差了'.repeat(50_000), '这个app太卡了 so slow'].map((t) => classifier.classify(t));
    for (const r of results) {
      expect(Number.isFinite(r.score)).toBe(true);
      expect(Math.abs(r.score)).toBeLessThanOrEqual(1);
    }
    expect(results[2]!.label).toBe('negative');
    expect(results[3]!.language).toBe('mixed');
  });
});

describe('sentiment bands', () => {
  it('read every score the same way, with a neutral middle', () => {
    expect(sentimentLabelOf(SENTIMENT_NEGATIVE_AT)).toBe('negative');
    expect(sentimentLabelOf(0)).toBe('neutral');
    expect(sentimentLabelOf(SENTIMENT_POSITIVE_AT)).toBe('positive');
    expect(sentimentLabelOf(Number.NaN)).toBe('neutral');
  });
});
