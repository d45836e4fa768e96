/**
 * Line handlers for the CLI, separate from the stream plumbing so they can
 * be tested without spawning a process.
 */
import type { z } from 'zod';
import type { IntentClassifier } from '../../src/shared/nlp/intent/intent-classifier.js';
import type { SentimentClassifier } from '../../src/shared/nlp/sentiment/sentiment-classifier.js';
import { summarize } from '../../src/shared/nlp/summary/summarize.js';
import { sentimentInputSchema, summarizeInputSchema } from './cli-schemas.js';

export type LineResult = { ok: true; output: string } | { ok: false; error: string };

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`).join('; ');
}

function parseJson(line: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(line) as unknown };
  } catch (error) {
    return { ok: false, error: `invalid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

export function sentimentLine(line: string, classifier: SentimentClassifier): LineResult {
  const json = parseJson(line);
  if (!json.ok) return json;
  const input = sentimentInputSchema.safeParse(json.value);
  if (!input.success) return { ok: false, error: describeIssues(input.error) };
  const result = classifier.classify(input.data.text);
  const score = Math.round(result.score * 10000) / 10000;
  return { ok: true, output: JSON.stringify({ id: input.data.id, label: result.label, score }) };
}

export function summarizeLine(line: string): LineResult {
  const json = parseJson(line);
  if (!json.ok) return json;
  const input = summarizeInputSchema.safeParse(json.value);
  if (!input.success) return { ok: false, error: describeIssues(input.error) };
  return { ok: true, output: JSON.stringify({ id: input.data.id, summary: summarize(input.data.turns) }) };
}

/** Same input as sentiment; `queue` and `intent` are null when the text carries no request. */
export function intentLine(line: string, classifier: IntentClassifier): LineResult {
  const json = parseJson(line);
  if (!json.ok) return json;
  const input = sentimentInputSchema.safeParse(json.value);
  if (!input.success) return { ok: false, error: describeIssues(input.error) };
  const s = classifier.route(input.data.text);
  const confidence = Math.round(s.confidence * 10000) / 10000;
  return { ok: true, output: JSON.stringify({ id: input.data.id, intent: s.intent, queue: s.queue, confidence }) };
}
