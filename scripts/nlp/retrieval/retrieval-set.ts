/**
 * The labelled retrieval sets of `npm run eval`: a knowledge base per language and held-back
 * questions, each labelled with the one article that answers it.
 * - English: one hand-written article per Banking77 intent (banking-articles.ts); the questions are
 *   the Banking77 rows of the intent hold-back (never trained or tuned on), the right article is
 *   their intent's.
 * - Chinese: one article per CSDS topic, titled with the topic and written from what the agents
 *   answered: the agent sentences ("客服回答…", "客服告知…") of the QA summaries with that topic in
 *   the training and dev dialogues. Two question sets from the held-back dialogues (never read for
 *   the articles): each QA summary's customer question ("用户询问可否改地址", the lead words cut)
 *   labelled with the QA's topic, and the customer's first message with substance, as a router sees
 *   it, labelled with the dialogue's first topic (only where the hand queue label gives it a queue).
 */
import type { IndexedDoc } from '../../../src/shared/nlp/retrieval/kb-index.js';
import { firstSubstantiveMessage } from '../../../src/shared/nlp/intent/opening-text.js';
import { csdsIntentDialogues } from '../csds-intent-corpus.js';
import { loadQueueLabels } from '../desk/desk-labels.js';
import { banking77Labels, loadBanking77 } from '../intent-corpus.js';
import { BANKING_ARTICLES } from './banking-articles.js';

export interface RetrievalQuery {
  text: string;
  /** The id of the article that answers it. */
  articleId: string;
}

export interface RetrievalSet {
  name: string;
  language: 'zh' | 'en';
  articles: IndexedDoc[];
  queries: RetrievalQuery[];
  note: string;
}

/** "客服回答暂时无法修改" → "暂时无法修改"; "用户询问可否改站点" → "可否改站点". */
const LEAD = /^(?:用户|商家|客服)(?:询问|咨询|表示|回答|回复|告知|反映|反馈|希望|要求|想要|需要|提供|申请|查询|确认|建议|核实|了解|回应)?/u;

function sentences(qa: string): string[] {
  return qa
    .split('。')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const isAgent = (s: string): boolean => s.startsWith('客服');
const isCustomer = (s: string): boolean => s.startsWith('用户') || s.startsWith('商家');
const cutLead = (s: string): string => s.replace(LEAD, '').replace(/^[，,：:]/u, '');

export function englishRetrievalSet(): RetrievalSet {
  const labels = banking77Labels();
  const missing = labels.filter((label) => BANKING_ARTICLES[label] === undefined);
  if (missing.length > 0) throw new Error(`banking-articles.ts has no article for ${missing.join(', ')}`);
  const articles = labels.map((label) => ({ id: label, ...BANKING_ARTICLES[label]!, tags: [], locale: 'en' }));
  return {
    name: 'English: Banking77 hold-back questions, 77 hand-written articles',
    language: 'en',
    articles,
    queries: loadBanking77('heldout').map((row) => ({ text: row.text, articleId: row.intent })),
    note: 'questions never trained or tuned on; articles written before scoring',
  };
}

/** The Chinese knowledge base (from training and dev dialogues only) and both held-back question sets. */
export function chineseRetrievalSets(): RetrievalSet[] {
  const dialogues = csdsIntentDialogues();
  const answers = new Map<string, string[]>();
  for (const { qas, bucket } of dialogues) {
    if (bucket === 0) continue;
    for (const { topic, qa } of qas) {
      const list = answers.get(topic) ?? [];
      answers.set(topic, list);
      for (const s of sentences(qa).filter(isAgent).map(cutLead)) if (s.length > 1 && !list.includes(s)) list.push(s);
    }
  }
  const topics = [...new Set(dialogues.flatMap((d) => d.qas.map((q) => q.topic)))].sort();
  const articles: IndexedDoc[] = topics.map((topic) => ({
    id: topic,
    title: topic,
    body: (answers.get(topic) ?? []).join('。'),
    tags: [],
    locale: 'zh-CN',
  }));

  const labels = loadQueueLabels();
  const questions: RetrievalQuery[] = [];
  const firsts: RetrievalQuery[] = [];
  for (const { dialogue, qas, bucket } of dialogues) {
    if (bucket !== 0) continue;
    for (const { topic, qa } of qas) {
      const question = sentences(qa).find(isCustomer);
      if (question !== undefined && cutLead(question).length > 1) questions.push({ text: cutLead(question), articleId: topic });
    }
    const first = firstSubstantiveMessage(dialogue.turns);
    const label = labels.get(dialogue.id);
    if (first !== undefined && label !== undefined && label !== 'none') firsts.push({ text: first, articleId: qas[0]!.topic });
  }
  const withBody = articles.filter((a) => a.body !== '').length;
  const base = `${articles.length} articles, one per CSDS topic (${withBody} with answers from training dialogues)`;
  return [
    { name: `Chinese: held-back QA-summary questions, ${base}`, language: 'zh', articles, queries: questions, note: 'dialogues never read for the articles' },
    { name: 'Chinese: held-back first messages, same articles', language: 'zh', articles, queries: firsts, note: 'right article: the dialogue\'s first topic' },
  ];
}
