/**
 * The classifier with the weights that ship in the repository. Built lazily
 * and once: decoding the weights takes a few milliseconds, and every caller
 * in a process can share the result.
 */
import { sentimentEnModel } from '../weights/sentiment-en.js';
import { sentimentZhModel } from '../weights/sentiment-zh.js';
import {
  createSentimentClassifier,
  type SentimentClassifier,
  type SentimentClassifierOptions,
} from './sentiment-classifier.js';

let shared: SentimentClassifier | undefined;

export function loadDefaultSentimentClassifier(options?: SentimentClassifierOptions): SentimentClassifier {
  if (options !== undefined) return createSentimentClassifier({ zh: sentimentZhModel, en: sentimentEnModel }, options);
  shared ??= createSentimentClassifier({ zh: sentimentZhModel, en: sentimentEnModel });
  return shared;
}
