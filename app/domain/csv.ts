/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel shows Persian), CRLF line ends, every field quoted
 * when it needs to be. A field starting with = + - @ is prefixed with an apostrophe so a spreadsheet never runs it
 * as a formula (citizens' and staff's text reaches these files).
 */

const BOM = '\uFEFF';

function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** The response headers of a CSV download named `name` (ASCII only, no path). */
export function csvHeaders(name: string): Record<string, string> {
  const safe = name.replace(/[^a-z0-9._-]/gi, '-');
  return { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${safe}"`, 'Cache-Control': 'no-store' };
}
