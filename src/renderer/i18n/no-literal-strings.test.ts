import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Attributes a person reads or a screen reader speaks: these must come from t(…), never a literal. */
const visibleAttributes = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);
/** Letters of any script (Latin, Han, …): punctuation, digits and symbols such as × are not words to translate. */
const WORDS = /\p{L}/u;

/** Vite reads the components for the test, so the test needs no Node file APIs (lint forbids them here). */
const components = import.meta.glob<string>(['../**/*.tsx', '!../**/*.test.tsx'], { query: '?raw', import: 'default', eager: true });

/** Every visible literal in one file, as "line: text". */
function findLiterals(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    found.push(`${line + 1}: ${text.trim()}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && WORDS.test(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && visibleAttributes.has(node.name.getText(file)) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init) && WORDS.test(init.text)) report(init, init.text);
      if (ts.isJsxExpression(init) && init.expression) {
        const e = init.expression;
        if ((ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && WORDS.test(e.text)) report(e, e.text);
      }
    }
    // A string literal as a JSX child: {'Send'}.
    if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) && node.expression) {
      const e = node.expression;
      if ((ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && WORDS.test(e.text)) report(e, e.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('visible strings go through i18next', () => {
  it('flags the literals it is meant to catch', () => {
    const sample = `const a = <div title="Hello" aria-label={'你好'} placeholder={t('x')}>Send now {'Cancel'} × {n}</div>;`;
    expect(findLiterals('sample.tsx', sample).map((l) => l.split(': ')[1])).toEqual(['Hello', '你好', 'Send now', 'Cancel']);
  });

  it('no component under src/renderer shows a literal', () => {
    expect(Object.keys(components).length).toBeGreaterThan(10);
    const offenders = Object.entries(components).flatMap(([file, text]) => findLiterals(file, text).map((l) => `${file}:${l}`));
    expect(offenders).toEqual([]);
  });
});
