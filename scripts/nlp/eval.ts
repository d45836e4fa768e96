/**
 * Evaluates the shipped models and writes docs/quality.md.
 * Usage: npm run eval   (under a minute; needs ../shared/data or SWITCHBOARD_DATA)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefaultSentimentClassifier, shippedSentimentModels } from '../../src/shared/nlp/sentiment/default-classifier.js';
import { createPolarityScorer } from '../../src/shared/nlp/sentiment/polarity-scorer.js';
import { meanRouge } from '../../src/shared/nlp/summary/rouge.js';
import { summarize } from '../../src/shared/nlp/summary/summarize.js';
import { loadCsdsVal } from './csds.js';
import { loadChnSentiCorp, loadOnlineShopping, loadSst2, loadWaimai } from './datasets.js';
import { measureDeskSentiment } from './desk/desk-eval.js';
import { ISSUE_EXAMPLES } from './desk/issue-examples.js';
import { loadDefaultIntentClassifier } from '../../src/shared/nlp/intent/default-intent-classifier.js';
import { measureChineseQueues, measureEnglishIntent } from './intent-eval.js';
import { renderQualityReport } from './quality-report.js';
import { qualityTargets } from './quality-targets.js';
import { measureRetrieval } from './retrieval/retrieval-eval.js';
import { chineseRetrievalSets, englishRetrievalSet } from './retrieval/retrieval-set.js';
import { isLongRow, measureSentiment } from './sentiment-eval.js';

const classifier = loadDefaultSentimentClassifier();
const polarity = createPolarityScorer(shippedSentimentModels());
const sst2Heldout = loadSst2('heldout');

const reviews = [
  measureSentiment(classifier, polarity, loadChnSentiCorp('dev'), {
    name: 'ChnSentiCorp dev',
    published: 'BERT-base 94.7 (mean 94.3); ERNIE 95.4; BERT-wwm-ext 95.4 (ymcui/Chinese-BERT-wwm)',
    note: 'never trained on; used for tuning',
  }),
  measureSentiment(classifier, polarity, sst2Heldout, {
    name: 'SST-2 train, 5% hash hold-back',
    published: 'BERT-base-cased 92.32 on GLUE dev (not the same rows)',
    note: 'never trained on; used for tuning; mostly phrases, see below',
  }),
  measureSentiment(classifier, polarity, loadOnlineShopping('dev'), { name: 'online_shopping 10% local dev', published: 'none published', note: 'never trained on' }),
  measureSentiment(classifier, polarity, loadWaimai('dev'), { name: 'waimai_10k 10% local dev', published: 'none published', note: 'never trained on' }),
];

const longRows = [
  measureSentiment(classifier, polarity, loadSst2('long-heldout'), {
    name: 'SST-2 whole sentences held back with all their phrases',
    published: 'BERT-base-cased 92.32 on GLUE dev (full sentences, not the same rows)',
    note: 'no piece of these sentences was trained on; never tuned on',
  }),
  measureSentiment(classifier, polarity, sst2Heldout.filter(isLongRow), {
    name: 'SST-2 long rows of the 5% hash hold-back',
    published: 'same',
    note: 'the rows were never trained on, but phrases inside them were',
  }),
];

const desk = (['zh', 'en'] as const).flatMap((language) => [
  { ...measureDeskSentiment(classifier, language, 'heldout'), calmCalledNegativeBefore: measureDeskBefore(language) },
  measureDeskSentiment(classifier, language, 'train'),
]);

/** What the classifier did before the desk heads: the polarity stage's score with its old ±0.2 neutral band. */
function measureDeskBefore(language: 'zh' | 'en'): number {
  return measureDeskSentiment(
    {
      classify(text) {
        const score = Math.tanh(polarity.read(text).logit / 2);
        return { score, label: score <= -0.2 ? 'negative' : score >= 0.2 ? 'positive' : 'neutral', strongNegative: false, language: 'none' };
      },
    },
    language,
    'heldout',
  ).calmCalledNegative;
}

const examples = ISSUE_EXAMPLES.map((example) => ({ ...example, result: classifier.classify(example.text) }));

function rougeOn(part: 'tune' | 'report' | 'all'): ReturnType<typeof meanRouge> {
  return meanRouge(loadCsdsVal(part).map((d) => ({ candidate: summarize(d.turns), reference: d.reference })));
}

const intentClassifier = loadDefaultIntentClassifier();
const intent = [measureChineseQueues(intentClassifier), measureEnglishIntent(intentClassifier)];

const retrieval = [...chineseRetrievalSets(), englishRetrievalSet()].map(measureRetrieval);

const targets = qualityTargets({ desk, intent, wholeSentences: longRows[0]! });

const report = renderQualityReport({
  reviews,
  longRows,
  desk,
  examples,
  intent,
  retrieval,
  targets,
  rouge: { tune: rougeOn('tune'), report: rougeOn('report'), all: rougeOn('all') },
  date: new Date().toISOString().slice(0, 10),
});
const path = join(import.meta.dirname, '../../docs/quality.md');
writeFileSync(path, report);
for (const f of [...reviews, ...longRows]) process.stdout.write(`${f.name}: ${f.accuracy.toFixed(2)}% (polarity stage ${f.polarityAccuracy.toFixed(2)}%)\n`);
for (const f of desk) {
  process.stdout.write(`desk ${f.language} ${f.part}: calm called negative ${f.calmCalledNegative.toFixed(1)}%, complaints caught ${f.complaintsCaught.toFixed(1)}%\n`);
}
for (const f of intent) process.stdout.write(`queues ${f.name}: ${f.queueAccuracy.toFixed(2)}%\n`);
for (const f of retrieval) process.stdout.write(`retrieval ${f.name}: top-3 ${f.top3.toFixed(1)}%, MRR ${f.mrr.toFixed(3)}\n`);
for (const t of targets) process.stdout.write(`target ${t.met ? 'met' : 'NOT MET'}: ${t.what} (${t.on}) ${t.figure.toFixed(1)}%, target ${t.target}\n`);
for (const e of examples) if (e.result.label !== e.expected || (e.strong && !e.result.strongNegative)) process.stdout.write(`EXAMPLE WRONG: ${e.text}\n`);
process.stdout.write(`wrote ${path}\n`);
