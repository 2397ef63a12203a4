// Reads the Kennzahlen CSV back for assertions: strips the BOM, splits on `;` outside quotes.

/** The body with its BOM kept (Response.text() drops a leading BOM, so the bytes are decoded here). */
export async function csvText(res: Response): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
}
export function parseKpiCsv(text: string): string[][] {
  if (!text.startsWith('\uFEFF')) throw new Error('no BOM');
  return text
    .slice(1)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => {
      const cells: string[] = [];
      let cell = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i]!;
        if (quoted && ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = !quoted;
        else if (ch === ';' && !quoted) {
          cells.push(cell);
          cell = '';
        } else cell += ch;
      }
      cells.push(cell);
      return cells;
    });
}

/** The figures of one CSV line by level and name, keyed by the German column names. */
export function csvFigures(rows: string[][], level: string, name: string): Record<string, string> {
  const [header, ...body] = rows;
  const row = body.find((r) => r[0] === level && (name === '*' || r[1] === name));
  if (!row) throw new Error(`no row ${level} ${name}`);
  return Object.fromEntries(header!.map((h, i) => [h, row[i]!]));
}
