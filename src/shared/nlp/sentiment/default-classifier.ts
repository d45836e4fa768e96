/**
 * The classifier with the weights that ship in the repository (JSON assets written by
 * `npm run train`). Built lazily and once: decoding the weights takes a few milliseconds, and
 * every caller in a process can share the result. The renderer imports this module dynamically,
 * so the weights load in their own chunk after first render.
 */
import deskEn from '../weights/sentiment-desk-en.json';
import deskZh from '../weights/sentiment-desk-zh.json';
import sentimentEn from '../weights/sentiment-en.json';
import sentimentZh from '../weights/sentiment-zh.json';
import { serializedDeskHeadSchema } from './desk-head.js';
import { serializedLinearModelSchema } from './linear-model.js';
import {
  createSentimentClassifier,
  type SentimentClassifier,
  type SentimentClassifierOptions,
  type SentimentModels,
} from './sentiment-classifier.js';

let shared: SentimentClassifier | undefined;

/** The shipped weights, validated: they are files, and a bad checkout should fail loudly here. */
export function shippedSentimentModels(): SentimentModels {
  return {
    zh: serializedLinearModelSchema.parse(sentimentZh),
    en: serializedLinearModelSchema.parse(sentimentEn),
    deskZh: serializedDeskHeadSchema.parse(deskZh),
    deskEn: serializedDeskHeadSchema.parse(deskEn),
  };
}

export function loadDefaultSentimentClassifier(options?: SentimentClassifierOptions): SentimentClassifier {
  if (options !== undefined) return createSentimentClassifier(shippedSentimentModels(), options);
  shared ??= createSentimentClassifier(shippedSentimentModels());
  return shared;
}
