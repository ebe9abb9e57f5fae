// Opens an .xlsx with ExcelJS (an independent reader, the one many front ends use) and prints what it sees as JSON:
// every sheet's name, row count, its first rows as text, and each column's number format.
// Usage: node read-xlsx.js FILE [ROWS]   (exit 1 with the reader's error on stderr when the file cannot be read)
//        node read-xlsx.js --serve         (one request per stdin line, {"file":..,"rows":..}; one answer per stdout
//                                           line, {"book":..} or {"error":..}: the tests start Node and ExcelJS once)
"use strict";
const ExcelJS = require("exceljs");

function text(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === "object") {
    if (value.richText) return value.richText.map((r) => r.text).join("");
    if (value instanceof Date) return value.toISOString();
    if ("result" in value) return text(value.result);
    if ("text" in value) return String(value.text);
    return JSON.stringify(value);
  }
  return String(value);
}

async function read(file, keep) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheets = workbook.worksheets.map((ws) => {
    const rows = [];
    for (let r = 1; r <= Math.min(ws.rowCount, keep); r++) {
      const row = ws.getRow(r);
      const cells = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(text(row.getCell(c).value));
      rows.push(cells);
    }
    const columns = [];
    for (let c = 1; c <= ws.columnCount; c++) columns.push(ws.getColumn(c).numFmt ?? null);
    return { name: ws.name, rowCount: ws.actualRowCount, rows, columnFormats: columns };
  });
  return { sheets };
}

async function serve() {
  const lines = require("readline").createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let answer;
    try {
      const { file, rows } = JSON.parse(line);
      answer = { book: await read(file, Number(rows ?? 5)) };
    } catch (e) {
      answer = { error: String(e && e.stack ? e.stack : e) };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  }
}

async function main() {
  const [file, rowsArg] = process.argv.slice(2);
  if (!file) throw new Error("usage: node read-xlsx.js FILE [ROWS] | --serve");
  if (file === "--serve") return serve();
  process.stdout.write(JSON.stringify(await read(file, Number(rowsArg ?? 5))));
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
});
