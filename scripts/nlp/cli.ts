/**
 * Switchboard NLP command line. Stable contract, read by evaluation tools:
 *
 *   npm run --silent nlp -- sentiment   < {"id","text"} lines    > {"id","label","score"} lines
 *   npm run --silent nlp -- summarize   < {"id","turns":[…]} lines > {"id","summary"} lines
 *   npm run --silent nlp -- intent      < {"id","text"} lines    > {"id","intent","queue","confidence"} lines
 *
 * `queue` is one of logistics, returns, billing, product, account, or null when the text carries
 * no request; `confidence` is the queue's probability.
 *
 * stdout carries nothing but result lines. A malformed line gets one error on
 * stderr naming its line number, and processing goes on; the exit code is 0
 * unless the command itself is wrong (2).
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { loadDefaultSentimentClassifier } from '../../src/shared/nlp/sentiment/default-classifier.js';
import { loadDefaultIntentClassifier } from '../../src/shared/nlp/intent/default-intent-classifier.js';
import { intentLine, sentimentLine, summarizeLine, type LineResult } from './cli-commands.js';

const USAGE = 'usage: nlp sentiment|summarize|intent  (JSON lines on stdin, JSON lines on stdout)\n';

async function run(handle: (line: string) => LineResult): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim().length === 0) continue;
    let result: LineResult;
    try {
      result = handle(line);
    } catch (error) {
      result = { ok: false, error: `internal error: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (!result.ok) {
      process.stderr.write(`line ${lineNumber}: ${result.error}\n`);
      continue;
    }
    // Respect back-pressure so 10,000 lines never pile up in memory.
    if (!process.stdout.write(`${result.output}\n`)) await once(process.stdout, 'drain');
  }
}

async function main(): Promise<void> {
  // A reader that goes away (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const command = process.argv[2];
  if (command === 'sentiment') {
    const classifier = loadDefaultSentimentClassifier();
    await run((line) => sentimentLine(line, classifier));
  } else if (command === 'summarize') {
    await run(summarizeLine);
  } else if (command === 'intent') {
    const classifier = loadDefaultIntentClassifier();
    await run((line) => intentLine(line, classifier));
  } else {
    process.stderr.write(USAGE);
    process.exitCode = 2;
  }
}

await main();
