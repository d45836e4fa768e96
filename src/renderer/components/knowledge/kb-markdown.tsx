import Markdown from 'react-markdown';

/**
 * An article's Markdown as React elements: no raw HTML (dropped, never injected), no images
 * (they would load from anywhere), links only with safe protocols (react-markdown's default URL
 * check) and opened outside the app.
 */
export function KbMarkdown({ source }: { source: string }) {
  return (
    <div className="kb-markdown" data-testid="kb-preview">
      <Markdown
        skipHtml
        disallowedElements={['img']}
        unwrapDisallowed
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {children}
            </a>
          ),
        }}
      >
        {source}
      </Markdown>
    </div>
  );
}
