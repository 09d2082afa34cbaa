import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport } from './run-import.ts';

// Dry runs read real files end to end (reader → mapping → summary) without a server.
const dir = mkdtempSync(join(tmpdir(), 'tp-import-dry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string | Buffer) => { const p = join(dir, name); writeFileSync(p, text); return p; };

const MAP = 'userId=Customer ID,timestamp=Call Date,event=:Call Completed,channel=:phone,properties.reason=Reason,properties.duration_s=Duration:number';

describe('runImport --dry-run', () => {
  it('maps every row, shows three samples, and reports bad rows by line number without sending anything', async () => {
    const csv = file('calls.csv', [
      '\uFEFFCustomer ID,Call Date,Reason,Duration',
      'c1,2026-03-02 09:14:05,Where is my order,312',
      'c2,31/02/2026,Payment failed,12',
      'c3,2026-03-02,"Late delivery, refund",40',
      '',
      'c4,2026-03-03,"Two',
      'lines",50',
      ',2026-03-03,Other,5',
      'c5,2026-03-04,Other,five',
      'c6,2026-13-01,Other,5',
    ].join('\r\n'));
    const s = await runImport({ file: csv, map: MAP, dryRun: true });
    expect(s).toMatchObject({ file: 'calls.csv', format: 'csv', dryRun: true, rowsRead: 7, valid: 3, rejected: 4, stored: 0, exitCode: 2 });
    expect(s.samples.map((x) => [x.line, x.message.userId, (x.message.properties as { reason: string }).reason])).toEqual([
      [2, 'c1', 'Where is my order'], [4, 'c3', 'Late delivery, refund'], [7, 'c4', 'Two\nlines'],
    ]);
    expect(s.rejections).toEqual([
      { reason: expect.stringMatching(/^timestamp \(column "Call Date"\) is not a date/), count: 2, lines: [3, 10], examples: ['31/02/2026', '2026-13-01'] },
      { reason: 'userId or anonymousId is required (column "Customer ID" is empty)', count: 1, lines: [8], examples: [] },
      { reason: 'properties.duration_s (column "Duration") is not a number', count: 1, lines: [9], examples: ['five'] },
    ]);
  });

  it('detects ; and tab delimiters, and reads .tsv and gzipped files', async () => {
    const rows = 'Customer ID;Call Date;Reason;Duration\nc1;2026-03-02;A;1\nc2;2026-03-02;B;2\n';
    for (const [name, text, extra] of [
      ['semi.csv', rows, {}],
      ['tabs.tsv', rows.replace(/;/g, '\t'), {}],
      ['pipes.txt', rows.replace(/;/g, '|'), { delimiter: '|' }],
      ['semi.csv.gz', gzipSync(rows), { delimiter: ';' }],
    ] as const) {
      const s = await runImport({ file: file(name, text), map: MAP, dryRun: true, ...extra });
      expect([name, s.valid, s.rejected]).toEqual([name, 2, 0]);
    }
  });

  it('reads NDJSON line by line: bad JSON and non-objects are rejected rows, messages pass through', async () => {
    const nd = file('shop.ndjson', [
      JSON.stringify({ type: 'track', event: 'Order Completed', userId: 'c1', timestamp: '2026-03-01T11:20:00Z', context: { channel: 'store' } }),
      '',
      '{"event": "Order Completed", "userId": ',
      '[1, 2]',
      JSON.stringify({ event: 'Order Completed', anonymousId: 'a1' }),
    ].join('\n'));
    const s = await runImport({ file: nd, dryRun: true });
    expect(s).toMatchObject({ format: 'ndjson', rowsRead: 4, valid: 2, rejected: 2 });
    expect(s.rejections.map((g) => [g.reason, g.lines])).toEqual([['not valid JSON', [3]], ['line is not a JSON object', [4]]]);
    expect(s.samples[1].message).toMatchObject({ type: 'track', anonymousId: 'a1', messageId: expect.stringMatching(/^import-/) });
  });

  it('stops before reading rows when the mapping does not fit the file', async () => {
    const csv = file('few.csv', 'Customer ID,Call Date,Reason\nc1,2026-03-02,A\n');
    await expect(runImport({ file: csv, map: 'userId=Customer Id,event=:E', dryRun: true }))
      .rejects.toThrow('No column "Customer Id" in few.csv; did you mean "Customer ID"? Columns: "Customer ID", "Call Date", "Reason".');
    await expect(runImport({ file: csv, dryRun: true }))
      .rejects.toThrow(/CSV files need --map[\s\S]*--map "userId=Customer ID,timestamp=Call Date,event=:Imported Row,properties.reason=Reason"/);
    await expect(runImport({ file: join(dir, 'missing.csv'), map: MAP, dryRun: true })).rejects.toThrow(/No file/);
    await expect(runImport({ file: file('data.xlsx', 'x'), map: MAP, dryRun: true })).rejects.toThrow(/--format csv or --format ndjson/);
    await expect(runImport({ file: csv, map: MAP, mapFile: 'm.json', dryRun: true })).rejects.toThrow(/not both/);
  });

  it('takes the mapping from a JSON file', async () => {
    const csv = file('calls2.csv', 'Customer ID,Call Date,Duration\nc1,2026-03-02,61\n');
    const mapFile = file('calls2.map.json', JSON.stringify({ userId: 'Customer ID', timestamp: 'Call Date', event: { value: 'Call Completed' }, 'properties.duration_s': { column: 'Duration', type: 'number' } }));
    const s = await runImport({ file: csv, mapFile, dryRun: true });
    expect(s.samples[0].message).toMatchObject({ userId: 'c1', event: 'Call Completed', timestamp: '2026-03-02T00:00:00.000Z', properties: { duration_s: 61 } });
  });
});
