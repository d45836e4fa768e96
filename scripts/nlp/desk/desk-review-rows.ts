/**
 * The review rows the desk heads also learn from: a seeded draw of the polarity models' own
 * training rows (never their dev or held-back rows), at a low weight. The weight was chosen among
 * 0.05–0.3 (with 3,000 Chinese rows) by the out-of-fold share of complaints caught on the
 * Chinese desk training part and by the review dev sets (ChnSentiCorp dev, the SST-2 hold-back,
 * the online_shopping and waimai dev splits); the count follows the size of the desk set.
 */
import { hashString } from '../../../src/shared/nlp/common/hash.js';
import { loadChnSentiCorp, loadSst2, loadWaimai, type LabeledText } from '../datasets.js';

export const DESK_REVIEW_WEIGHT = 0.3;
/** In total the review rows weigh this share of the desk rows, so a small desk set is not drowned. */
export const DESK_REVIEW_SHARE = 0.9;

function draw(rows: readonly LabeledText[], count: number): LabeledText[] {
  return [...rows].sort((a, b) => hashString(a.text, 0xdee5) - hashString(b.text, 0xdee5)).slice(0, count);
}

export function deskReviewRows(language: 'zh' | 'en', deskRows: number): { name: string; rows: LabeledText[]; weight: number } {
  const count = Math.round((DESK_REVIEW_SHARE * deskRows) / DESK_REVIEW_WEIGHT);
  if (language === 'en') {
    return { name: 'SST-2 training rows, a seeded draw', rows: draw(loadSst2('train'), count), weight: DESK_REVIEW_WEIGHT };
  }
  const half = Math.round(count / 2);
  return {
    name: 'ChnSentiCorp and waimai training rows, a seeded draw',
    rows: [...draw(loadChnSentiCorp('train'), half), ...draw(loadWaimai('train'), half)],
    weight: DESK_REVIEW_WEIGHT,
  };
}
