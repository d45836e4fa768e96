/**
 * The sentence network's settings as chosen with cnn-dev.ts on the development split only (run C1
 * in docs/quality.md: 25 maps per width and one epoch, because a full-size network took an hour an
 * epoch on the loaded build machine).
 */
import type { CnnTrainerOptions } from './cnn-trainer.js';

/** GloVe's most frequent words shipped besides those of the training rows. */
export const CNN_TOP_WORDS = 30_000;

export const CNN_TRAINER: CnnTrainerOptions = {
  widths: [3, 4, 5],
  maps: 25,
  epochs: 1,
  batch: 50,
  learningRate: 0.001,
  dropout: 0.5,
  maxNorm: 3,
  maxWords: 60,
  seed: 11,
};

/** Weight of the network's logit added to the English linear polarity logit. */
export const CNN_BLEND_WEIGHT = 1.5;
