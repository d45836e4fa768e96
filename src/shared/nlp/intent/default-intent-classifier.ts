/** The intent classifier with the weights that ship in the repository (JSON assets), built once per process. */
import intentEn from '../weights/intent-en.json';
import intentZh from '../weights/intent-zh.json';
import { serializedSparseSoftmaxSchema } from '../common/sparse-softmax-model.js';
import { createIntentClassifier, type IntentClassifier } from './intent-classifier.js';

let shared: IntentClassifier | undefined;

export function loadDefaultIntentClassifier(): IntentClassifier {
  shared ??= createIntentClassifier({ en: serializedSparseSoftmaxSchema.parse(intentEn), zh: serializedSparseSoftmaxSchema.parse(intentZh) });
  return shared;
}
