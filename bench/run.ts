import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * `npm run bench`: runs every bench module that is present, prints one table and writes it to
 * docs/benchmarks.md. Each module exports `run…Bench(): Promise<BenchRow[]>`, and may export
 * `benchNotes` (what exactly is measured), printed under its table. `npm run bench -- softphone`
 * runs only the matching modules and keeps the other sections of docs/benchmarks.md as they were.
 */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: string;
}

const modules: Array<{ file: string; exportName: string; title: string }> = [
  { file: 'bench/hub-bench.ts', exportName: 'runHubBench', title: 'Hub routing' },
  { file: 'bench/cache-bench.ts', exportName: 'runCacheBench', title: 'Offline cache' },
  { file: 'bench/feeds-bench.ts', exportName: 'runFeedsBench', title: 'Per-agent feeds' },
  { file: 'bench/nlp-bench.ts', exportName: 'runNlpBench', title: 'On-device NLP' },
  { file: 'bench/kb-bench.ts', exportName: 'runKbBench', title: 'Knowledge-base suggestions' },
  { file: 'bench/inbox-bench.ts', exportName: 'runInboxBench', title: 'Inbox rendering (Chromium)' },
  { file: 'bench/softphone-bench.ts', exportName: 'runSoftphoneBench', title: 'Softphone' },
  { file: 'bench/trunk-bench.ts', exportName: 'runTrunkBench', title: 'Carrier trunk (baresip ⇄ rtpengine ⇄ WebRTC)' },
  { file: 'bench/sign-in-bench.ts', exportName: 'runSignInBench', title: 'Sign-in' },
];

const only = process.argv.slice(2);
const sections = new Map<string, string>();
const titleOf = (section: string): string => /^## (.+)$/m.exec(section)?.[1] ?? '';
if (only.length > 0 && existsSync('docs/benchmarks.md')) {
  for (const old of readFileSync('docs/benchmarks.md', 'utf8').split(/^(?=## )/m).slice(1)) sections.set(titleOf(old), old.trimEnd() + '\n');
}
for (const m of modules) {
  if (!existsSync(m.file)) continue;
  if (only.length > 0 && !only.some((o) => m.file.includes(o))) continue;
  process.stdout.write(`\n== ${m.title} (${m.file})\n`);
  const mod = (await import(pathToFileURL(m.file).href)) as Record<string, unknown>;
  const fn = mod[m.exportName];
  if (typeof fn !== 'function') throw new Error(`${m.file} does not export ${m.exportName}`);
  const rows = await (fn as () => Promise<BenchRow[]>)();
  const notes = typeof mod.benchNotes === 'string' ? `\n${mod.benchNotes}\n` : '';
  const table = ['| measure | value | unit | baseline |', '| --- | ---: | --- | --- |']
    .concat(rows.map((r) => `| ${r.name} | ${Number.isInteger(r.value) ? r.value : r.value.toFixed(3)} | ${r.unit} | ${r.baseline ?? ''} |`))
    .join('\n');
  process.stdout.write(`${table}\n`);
  sections.set(m.title, `## ${m.title}\n\n${table}\n${notes}`);
}
const order = modules.map((m) => m.title);
const ordered = [...sections.entries()].sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99)).map(([, text]) => text);

const header = `# Benchmarks\n\nWritten by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (2 cores, 24 GiB). Ratios compare against a baseline measured in the same run.\n\n`;
writeFileSync('docs/benchmarks.md', header + ordered.join('\n'));
process.stdout.write('\nwritten to docs/benchmarks.md\n');
