import { useSyncExternalStore } from 'react';
import type { SentimentClassifier, SentimentLabel } from '../../shared/nlp/sentiment/sentiment-classifier';

/**
 * The NLP helper's classifier on the customer's last message. Its weights are a few megabytes of
 * script, so they load after first render in their own chunk; rows show no badge until then.
 */
let classifier: SentimentClassifier | null = null;
let version = 0;
const listeners = new Set<() => void>();
const cache = new Map<string, SentimentLabel>();
const CACHE_LIMIT = 20_000;

let loading: Promise<void> | null = null;
function load(): void {
  loading ??= import('../../shared/nlp/sentiment/default-classifier')
    .then((m) => {
      classifier = m.loadDefaultSentimentClassifier();
      version++;
      listeners.forEach((l) => l());
    })
    .catch(() => undefined);
}

function subscribe(listener: () => void): () => void {
  load();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function classifySentiment(text: string): SentimentLabel | null {
  if (!classifier) return null;
  let label = cache.get(text);
  if (label === undefined) {
    label = classifier.classify(text).label;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, label);
  }
  return label;
}

export function useSentiment(text: string | null): SentimentLabel | null {
  useSyncExternalStore(subscribe, () => version);
  return text ? classifySentiment(text) : null;
}
