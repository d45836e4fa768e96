/** The intent section of docs/quality.md. */
import { SERVICE_QUEUES } from '../../src/shared/nlp/intent/service-queues.js';
import { REPORTED_THRESHOLD, type QueueFigure } from './intent-eval.js';
import { QUEUE_LABELLING_RULES } from './desk/labelling-rules.js';

const f1 = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(1));

function confusion(figure: QueueFigure): string {
  const head = `| | ${SERVICE_QUEUES.join(' | ')} | no queue |`;
  const rule = `| --- | ${SERVICE_QUEUES.map(() => '---:').join(' | ')} | ---: |`;
  const rows = SERVICE_QUEUES.map((truth) => `| ${truth} | ${SERVICE_QUEUES.map((q) => figure.confusion[truth][q]).join(' | ')} | ${figure.confusion[truth].none} |`);
  return [`${figure.name} (rows: label, columns: routed):`, '', head, rule, ...rows].join('\n');
}

export function renderIntentSection(figures: readonly QueueFigure[]): string {
  const zh = figures.find((f) => f.noneRows !== undefined);
  return `## Intent: which queue a customer's first message goes to

\`loadDefaultIntentClassifier().route(text)\` returns \`{ queue, intent, confidence, language }\`: one of the five queues of
an e-commerce desk (${SERVICE_QUEUES.join(', ')}), the fine-grained intent within it, and the queue's probability.
\`queue\` is null when the message carries no request (\`hasSubstance\`: "在吗", "人工", "hello?", a pasted order
reference); the router applies its own threshold and fallback queue.

- **Chinese**: a queue model (\`weights/queue-zh.json\`): softmax over character 1–3-grams (2^18 buckets, pruned to
  40,000 weights) plus hand-written cue words per queue (\`queue-cues.ts\`), trained on the hand-labelled first
  messages of the CSDS training and dev dialogues and, at half weight, each QA summary's user sentence labelled with
  its topic's queue (\`intent-queues-zh.ts\`). The intent is the most likely CSDS topic within the chosen queue, from
  the topic model (\`weights/intent-zh.json\`, 150 topics, weak on its own).
- **English**: Banking77's 77 intents (\`weights/intent-en.json\`: word unigrams + bigrams + in-word character
  3–4-grams, pruned to 60,000 weights), each mapped to a queue by a written table (\`intent-queues-en.ts\`): card
  delivery is logistics; refunds, disputed, duplicate and wrong charges are returns; payments, fees, top-ups,
  transfers and balances are billing; what the cards and the app support, and cards that do not work, are product;
  identity, security, PINs, passcodes, personal details and closing the account are account. The queue is the one
  with the most probability over its intents.

| set | rows | queue accuracy % | always-majority queue % | confidence ≥ ${REPORTED_THRESHOLD}: share % / accuracy % | intent % | intent top-3 % | published reference |
| --- | ---: | ---: | ---: | --- | ---: | ---: | --- |
${figures.map((f) => `| ${f.name} | ${f.rows} | **${f1(f.queueAccuracy)}** | ${f1(f.majorityQueueAccuracy)} | ${f1(f.confidentShare)} / ${f1(f.confidentAccuracy)} | ${f1(f.intentAccuracy)} | ${f1(f.top3Accuracy)} | ${f.published} |`).join('\n')}

${zh === undefined ? '' : `Of the held-back Chinese first messages, ${zh.noneRows} carry no request a queue could serve ("我有问题要咨询", "之前的问题"); they are not
in the accuracy above, and the router would hold back ${f1(zh.noneHeldBack)}% of them (no queue, or confidence below ${REPORTED_THRESHOLD}).`}

${figures.map(confusion).join('\n\n')}

${QUEUE_LABELLING_RULES}

Honest caveats:

- The Chinese held-back set is small (${zh?.rows ?? '?'} rows): a 95% interval is about ±5 points around the figure.
- The queue labels and the cue words were made by the same person, who had read the held-back first messages while
  labelling; the cue words were refined on five-fold cross-validation errors over the training and dev dialogues only.
- Banking77's test.csv is not in our copy, so its figures are on a 10% hash hold-back of train that was never trained or
  tuned on; settings were chosen on a separate 10% dev split (\`scripts/nlp/intent-tune.ts\`), which the shipped model
  then also trained on. Bag-of-n-gram models land several points below fine-tuned BERT on intents; the queue figure is
  what routing needs.
- CSDS's train split is not in our copy: the Chinese models learn from about 620 dialogues of val.`;
}
