/** The intent classifier with the weights that ship in the repository (JSON assets), built once per process. */
import { serializedSparseSoftmaxSchema } from '../common/sparse-softmax-model.js';
import intentEn from '../weights/intent-en.json';
import intentZh from '../weights/intent-zh.json';
import queueZh from '../weights/queue-zh.json';
import { createIntentClassifier, type IntentClassifier } from './intent-classifier.js';
import { serializedQueueModelSchema } from './queue-model.js';

let shared: IntentClassifier | undefined;

export function loadDefaultIntentClassifier(): IntentClassifier {
  shared ??= createIntentClassifier({
    en: serializedSparseSoftmaxSchema.parse(intentEn),
    zh: serializedSparseSoftmaxSchema.parse(intentZh),
    queueZh: serializedQueueModelSchema.parse(queueZh),
  });
  return shared;
}
