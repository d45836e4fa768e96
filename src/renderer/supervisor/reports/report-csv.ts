/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
const field = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * A table as CSV text, exactly the cells the table shows. It starts with a byte-order mark so that
 * spreadsheet programs read the Chinese headers as UTF-8.
 */
export function toCsv(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return `\uFEFF${[headers, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** Hands the CSV to the browser (or Electron) as a download. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
