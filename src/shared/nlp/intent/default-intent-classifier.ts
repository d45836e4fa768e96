/** The intent classifier with the weights that ship in the repository, built once per process. */
import { intentEnModel } from '../weights/intent-en.js';
import { intentZhModel } from '../weights/intent-zh.js';
import { createIntentClassifier, type IntentClassifier } from './intent-classifier.js';

let shared: IntentClassifier | undefined;

export function loadDefaultIntentClassifier(): IntentClassifier {
  shared ??= createIntentClassifier({ en: intentEnModel, zh: intentZhModel });
  return shared;
}
