import type { WatchlistImportFormat } from '@kyc-review/contracts';
import { CsvReader, CsvSyntaxError, type CsvRecord } from './csv-reader';
import { detectFormat } from './detect-format';
import { decodeChunks, sniff, textLines } from './file-text';
import { FileTally, WatchlistFileError, type ImportFile, type ImportItem } from './import-types';
import { OfacSdnCollector } from './ofac-sdn';
import { FtmSanctions, ftmLine, simpleColumns, simpleRow } from './opensanctions';
import { ourCsvColumns, ourCsvRow } from './our-csv';

export interface ReadOptions {
  /** Names the format instead of recognising it; the content must agree. */
  readonly format?: WatchlistImportFormat;
}

async function* csvRecords(texts: AsyncIterable<string>, file: string): AsyncGenerator<CsvRecord> {
  const reader = new CsvReader();
  try {
    for await (const text of texts) yield* reader.push(text);
    yield* reader.end();
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new WatchlistFileError(
        'invalid_watchlist_file',
        `${file} line ${String(error.line)}: ${error.message}`,
        file,
        error.line,
      );
    throw error;
  }
}

async function* readOurCsv(texts: AsyncIterable<string>, tally: FileTally): AsyncGenerator<ImportItem> {
  let columns: Exclude<ReturnType<typeof ourCsvColumns>, string> | null = null;
  for await (const record of csvRecords(texts, tally.name)) {
    if (columns === null) {
      const header = ourCsvColumns(record.fields);
      if (typeof header === 'string')
        throw new WatchlistFileError('invalid_watchlist_file', `${tally.name}: ${header}`, tally.name, record.line);
      columns = header;
      continue;
    }
    tally.rows++;
    const entry = ourCsvRow(record.fields, columns);
    yield typeof entry === 'string'
      ? tally.refuse(record.line, entry)
      : { kind: 'entry', entry, file: tally.name, line: record.line };
  }
}

async function* readSimpleCsv(texts: AsyncIterable<string>, tally: FileTally): AsyncGenerator<ImportItem> {
  let columns: ReturnType<typeof simpleColumns> | null = null;
  for await (const record of csvRecords(texts, tally.name)) {
    if (columns === null) {
      columns = simpleColumns(record.fields);
      continue;
    }
    yield simpleRow(record.fields, record.line, columns, tally);
  }
}

async function* readFtm(
  texts: AsyncIterable<string>,
  tally: FileTally,
  sanctions: FtmSanctions,
): AsyncGenerator<ImportItem> {
  for await (const [line, text] of textLines(texts, tally.name)) {
    const item = ftmLine(text, line, tally, sanctions);
    if (item === null) continue;
    if (Array.isArray(item)) yield* item;
    else yield item;
  }
}

/**
 * Every entry (and refused row, skipped record, finished file) of the uploaded files,
 * read as they stream in: the format of each is recognised from its content. One upload
 * holds one format; the OFAC files are joined once all of them are read.
 */
export async function* readWatchlistFiles(
  files: AsyncIterable<ImportFile>,
  options: ReadOptions = {},
): AsyncGenerator<ImportItem> {
  let uploadFormat: WatchlistImportFormat | null = null;
  const ofac = new OfacSdnCollector();
  const ofacTallies: FileTally[] = [];
  // Sanction records may sit in another file of the upload than their targets.
  const sanctions = new FtmSanctions();
  for await (const file of files) {
    const { head, all } = await sniff(decodeChunks(file.chunks));
    const detected = detectFormat(head, file.name, options.format);
    if (uploadFormat !== null && uploadFormat !== detected.format) {
      throw new WatchlistFileError(
        'unsupported_watchlist_format',
        `${file.name} reads as ${detected.format} but the upload's first file as ${uploadFormat}: import one format at a time.`,
        file.name,
      );
    }
    uploadFormat = detected.format;
    const tally = new FileTally(file.name, detected.format, detected.part);
    const part = detected.ofacPart;
    if (part !== null) {
      for await (const record of csvRecords(all, file.name)) {
        tally.rows++;
        const refused = ofac.add(part, record, tally);
        if (refused !== null) yield refused;
      }
      ofacTallies.push(tally);
      continue;
    }
    if (detected.format === 'csv') yield* readOurCsv(all, tally);
    else if (detected.format === 'opensanctions_simple') yield* readSimpleCsv(all, tally);
    else yield* readFtm(all, tally, sanctions);
    yield tally.done();
  }
  if (uploadFormat === null) throw new WatchlistFileError('invalid_watchlist_file', 'No file was uploaded.');
  if (uploadFormat === 'ofac_sdn') {
    yield* ofac.finish();
    for (const tally of ofacTallies) yield tally.done();
  }
}
