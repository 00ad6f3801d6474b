import type { WatchlistImportFormat } from '@kyc-review/contracts';
import { CsvReader } from './csv-reader';
import { WatchlistFileError } from './import-types';

/** The three legacy OFAC SDN files, told apart by their field count (they have no header). */
export type OfacPart = 'sdn' | 'alt' | 'add';
export const OFAC_FIELDS: Record<OfacPart, number> = { sdn: 12, alt: 5, add: 6 };
const OFAC_PARTS: readonly OfacPart[] = ['sdn', 'alt', 'add'];

export interface DetectedFile {
  readonly format: WatchlistImportFormat;
  /** For OFAC, which of its files; otherwise the format's own file. */
  readonly part: string;
  /** Which OFAC file it is, for the OFAC format. */
  readonly ofacPart: OfacPart | null;
}

const SUPPORTED =
  'our CSV (a header row with name, list and topic), the OFAC SDN files (sdn.csv, alt.csv, add.csv), ' +
  'OpenSanctions entities.ftm.json (JSON lines) or OpenSanctions targets.simple.csv';

function firstRecord(head: string): string[] | null {
  const reader = new CsvReader();
  try {
    const firstLine = head.slice(0, Math.max(head.indexOf('\n'), 0) || head.length);
    const [record] = [...reader.push(firstLine), ...reader.end()];
    return record?.fields ?? null;
  } catch {
    return null;
  }
}

function ofacPart(fields: readonly string[], fileName: string): OfacPart | null {
  if (!/^\s*\d+\s*$/.test(fields[0] ?? '')) return null;
  const byName = /(^|[^a-z])(sdn|alt|add)(_[a-z]+)?\.csv$/i.exec(fileName)?.[2]?.toLowerCase();
  const byCount = OFAC_PARTS.find((part) => OFAC_FIELDS[part] === fields.length);
  if (byCount !== undefined) return byCount;
  return byName === 'sdn' || byName === 'alt' || byName === 'add' ? byName : null;
}

function describeBinary(head: string): string | null {
  if (head.startsWith('PK\u0003\u0004'))
    return 'is a ZIP archive (or a spreadsheet): unpack it or export it as CSV first';
  if (head.startsWith('%PDF')) return 'is a PDF document';
  if (head.startsWith('\u001f\uFFFD')) return 'is gzip-compressed: decompress it first';
  const sample = head.slice(0, 2048);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0 || code === 0xfffd) odd++;
  }
  return odd > 0 && odd >= sample.length / 50 ? 'is a binary file, not text' : null;
}

/**
 * What a watchlist file is, from its first characters (and, for the OFAC files, which
 * have no header, their field count and then the file name). `format` names it
 * explicitly: the content must then be of that format.
 */
export function detectFormat(head: string, fileName: string, format?: WatchlistImportFormat): DetectedFile {
  const binary = describeBinary(head);
  if (binary !== null) throw new WatchlistFileError('unsupported_watchlist_format', `${fileName} ${binary}.`, fileName);
  const trimmed = head.trimStart();
  if (trimmed === '') throw new WatchlistFileError('invalid_watchlist_file', `${fileName} is empty.`, fileName, 1);
  let detected: DetectedFile | null = null;
  if (trimmed.startsWith('{')) {
    const firstLine = trimmed.slice(0, trimmed.indexOf('\n') === -1 ? undefined : trimmed.indexOf('\n'));
    // A first line cut off by the sniff window is still an FtM line if it starts like one.
    if (/"schema"\s*:/.test(firstLine) || /^\{\s*"(id|schema|caption|properties)"\s*:/.test(firstLine))
      detected = { format: 'opensanctions_ftm', part: 'entities', ofacPart: null };
  } else {
    const fields = firstRecord(trimmed);
    if (fields !== null) {
      const header = new Set(fields.map((f) => f.trim().toLowerCase()));
      if (header.has('id') && header.has('schema') && header.has('name'))
        detected = { format: 'opensanctions_simple', part: 'targets', ofacPart: null };
      else if (header.has('name')) detected = { format: 'csv', part: 'csv', ofacPart: null };
      else {
        const part = ofacPart(fields, fileName);
        if (part !== null) detected = { format: 'ofac_sdn', part: `${part}.csv`, ofacPart: part };
      }
    }
  }
  if (format !== undefined && detected !== null && detected.format !== format) {
    throw new WatchlistFileError(
      'unsupported_watchlist_format',
      `${fileName} was named as ${format} but reads as ${detected.format}.`,
      fileName,
    );
  }
  if (detected === null && format === 'csv')
    throw new WatchlistFileError(
      'invalid_watchlist_file',
      `${fileName}: the header row lacks the columns name, list and topic.`,
      fileName,
      1,
    );
  if (detected === null) {
    throw new WatchlistFileError(
      'unsupported_watchlist_format',
      `${fileName} is not a watchlist this app reads. Supported: ${SUPPORTED}.`,
      fileName,
    );
  }
  return detected;
}
