/**
 * An article's body cut into passages an agent can paste into a reply: Markdown paragraphs and list
 * items, as plain text (a customer's chat shows no Markdown). Headings stay with the paragraph
 * below them only as retrieval context, never in the text inserted.
 */

export const MAX_PASSAGE_CHARS = 600;

/** Markdown to plain text, line by line: markers, emphasis, code fences and link syntax go, the words stay. */
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => !/^\s*(```|~~~)/.test(line))
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, '')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '')
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, '$1 ($2)')
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2')
        .replace(/`([^`]+)`/g, '$1')
        .replace(/<[^>]+>/g, '')
        .trimEnd(),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function clip(text: string): string {
  if (text.length <= MAX_PASSAGE_CHARS) return text;
  const cut = text.slice(0, MAX_PASSAGE_CHARS);
  // End on a sentence where one is near the limit, so the agent does not send half a sentence.
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('. '), cut.lastIndexOf('！'), cut.lastIndexOf('？'));
  return end > MAX_PASSAGE_CHARS / 2 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}

/** Paragraphs and list items of a Markdown body, as plain text; headings alone are not passages. */
export function splitPassages(markdown: string): string[] {
  const blocks = markdown.replace(/\r\n?/g, '\n').split(/\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)/);
  const passages: string[] = [];
  for (const block of blocks) {
    if (/^\s{0,3}#{1,6}\s/.test(block) && !block.trim().includes('\n')) continue;
    const plain = markdownToPlain(block).replace(/\s*\n\s*/g, ' ');
    if (plain) passages.push(clip(plain));
  }
  if (passages.length === 0) {
    const whole = markdownToPlain(markdown);
    if (whole) passages.push(clip(whole.replace(/\s*\n\s*/g, ' ')));
  }
  return passages;
}
