/**
 * Plain-text tables for a technician's terminal. Cell text comes from the agent and, through it, from the CSMS
 * and RFID readers: control characters are replaced so a crafted idTag cannot drive the terminal.
 */
export function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [headers.map(clean), ...rows.map((r) => r.map(clean))];
  const widths = headers.map((_, col) => Math.max(...cells.map((r) => (r[col] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, col) => (col === r.length - 1 ? c : c.padEnd(widths[col]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Two-column "label  value" block, used for headers above a table. */
export function formatFields(fields: readonly (readonly [string, string])[]): string {
  const width = Math.max(...fields.map(([k]) => k.length));
  return fields.map(([k, v]) => `${k.padEnd(width)}  ${clean(v)}`.trimEnd()).join('\n');
}
