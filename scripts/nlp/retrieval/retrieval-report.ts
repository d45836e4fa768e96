/** The knowledge-base retrieval section of docs/quality.md. */
import { MRR_DEPTH, type RetrievalFigure } from './retrieval-eval.js';

const f1 = (n: number): string => n.toFixed(1);

export function renderRetrievalSection(figures: readonly RetrievalFigure[]): string {
  const rows = figures
    .map((f) => `| ${f.name} | ${f.queries} | ${f.articles} | ${f1(f.top1)} | **${f1(f.top3)}** | ${f.mrr.toFixed(3)} | ${f1(f.chanceTop3)} | ${f.note} |`)
    .join('\n');
  return `## Knowledge-base retrieval

The ranking the hub's \`/api/kb/search\` and the desktop's offline search use (\`buildKbIndex\` in
\`src/shared/nlp/retrieval/kb-index.ts\`: BM25 over Chinese character bigrams and single characters and English words,
title ×3, tags ×2), asked each held-back question as it stands. **Top-3** is the share of questions whose right article
is among the first three results (what the assist panel shows); MRR is the mean of 1 / rank of the right article (0
when it is not in the first ${MRR_DEPTH}); "chance" is the top-3 rate of a ranking that knows nothing.

| set | questions | articles | top-1 % | top-3 % | MRR | chance top-3 % | note |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows}

#### How the retrieval sets were made (\`scripts/nlp/retrieval/\`)

- **English articles**: one per Banking77 intent, 77 in all, a title and a two-sentence answer each, written by hand
  (\`banking-articles.ts\`) from the intent's name and general knowledge of a card-and-app bank, before any question
  was scored against them; they were not changed after seeing the figures. **Questions**: the Banking77 rows of the
  intent hold-back (10% of train by text hash, never trained or tuned on); the right article is the row's intent's.
- **Chinese articles**: one per CSDS topic (the finest label CSDS has), titled with the topic; the body is every
  distinct agent sentence ("客服回答…", "客服告知…", lead words cut) of the QA summaries with that topic in the
  training and dev dialogues. Topics with no QA there keep only their title. No one wrote these by hand: they are
  what the agents said, as an admin seeding a knowledge base from past answers would have it.
- **Chinese questions**, from the held-back fifth of the dialogues only (whose answers are in no article): each QA
  summary's customer sentence ("用户询问可否改站点" → "可否改站点"), right article its QA's topic; and each held-back
  dialogue's first message with substance that the hand queue labels give a queue, right article the dialogue's first
  topic (the hardest: the first message often names the business only loosely, and neighbouring topics such as
  保修返修及退换货政策 and 返回方式 share their words).
- A question counts one hit only for its one labelled article; a neighbouring article that would also help counts
  as a miss, so these rates are a floor for usefulness.
`;
}
