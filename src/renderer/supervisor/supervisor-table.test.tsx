import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SupervisorTable } from './supervisor-table';

interface Item {
  id: string;
  name: string;
}

const render = (rows: Item[], empty?: string): string =>
  renderToStaticMarkup(
    <SupervisorTable
      headingId="sv-things"
      title="Things"
      testId="things-table"
      columns={['Name', 'Size']}
      actionColumn="Open"
      rows={rows}
      renderRow={(item) => (
        <tr key={item.id} data-thing={item.id}>
          <th scope="row">{item.name}</th>
          <td>1</td>
          <td>
            <button type="button">Open</button>
          </td>
        </tr>
      )}
      empty={empty}
    />,
  );

describe('SupervisorTable', () => {
  it('is a section named by its heading, with a header cell per column and a visually hidden one for the row buttons', () => {
    const html = render([]);
    expect(html).toContain('<section aria-labelledby="sv-things"><h3 id="sv-things">Things</h3>');
    expect(html).toContain('data-testid="things-table"');
    expect(html).toContain(
      '<thead><tr><th scope="col">Name</th><th scope="col">Size</th><th scope="col"><span class="visually-hidden">Open</span></th></tr></thead>',
    );
  });

  it('shows a row per item, in order', () => {
    const html = render([
      { id: 'a', name: 'Alpha' },
      { id: 'b', name: 'Beta' },
    ]);
    expect([...html.matchAll(/data-thing="(\w+)"/g)].map((m) => m[1])).toEqual(['a', 'b']);
  });

  it('says so across every column when there is nothing to show, and only then', () => {
    expect(render([], 'Nothing here')).toContain('<tbody><tr><td colSpan="3">Nothing here</td></tr></tbody>');
    expect(render([{ id: 'a', name: 'Alpha' }], 'Nothing here')).not.toContain('Nothing here');
    expect(render([])).toContain('<tbody></tbody>');
  });

  it('has no button column when the table has no row buttons (the queue table), and the empty row spans what there is', () => {
    const html = renderToStaticMarkup(
      <SupervisorTable headingId="sv-q" title="Queues" testId="q-table" columns={['Queue', 'Waiting']} rows={[]} renderRow={() => null} empty="No queues" />,
    );
    expect(html).toContain('<thead><tr><th scope="col">Queue</th><th scope="col">Waiting</th></tr></thead>');
    expect(html).toContain('<td colSpan="2">No queues</td>');
  });
});

describe('SupervisorTable sorting', () => {
  it('makes a sortable column header a button with aria-sort="none" until pressed; plain columns stay plain', () => {
    const html = renderToStaticMarkup(
      <SupervisorTable<Item>
        headingId="sv-s"
        title="Things"
        testId="s-table"
        columns={[{ label: 'Name', sort: (i) => i.name }, 'Size']}
        rows={[{ id: 'a', name: 'Alpha' }]}
        renderRow={(item) => <tr key={item.id} />}
        sortHint="sort"
      />,
    );
    expect(html).toContain('<th scope="col" aria-sort="none"><button type="button" class="supervisor-sort">Name<span class="visually-hidden">, sort</span>');
    expect(html).toContain('<th scope="col">Size</th>');
  });
});
