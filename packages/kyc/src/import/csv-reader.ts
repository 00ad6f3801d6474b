/** One CSV record with the line it starts on (1-based), for error reports. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** A quoted field longer than this is a quote left open, not data: the file is refused. */
const MAX_FIELD_CHARS = 1_000_000;

/**
 * An RFC 4180 reader fed in chunks, so a file of any size is read in constant memory:
 * fields separated by commas, optionally quoted with '"', a quote inside quotes doubled,
 * CRLF, LF or CR line ends, line breaks allowed inside quotes. Blank lines are skipped.
 * Lenient where real files are sloppy: a quote inside a quoted field that is not followed
 * by a separator is kept as text. An unterminated quote is a syntax error at the line it
 * opened.
 */
export class CsvReader {
  private fields: string[] = [];
  private field = '';
  private quoted = false;
  /** Inside quotes, a '"' was just read: the next character decides what it meant. */
  private quotePending = false;
  private fieldStarted = false;
  private line = 1;
  private recordLine = 1;
  private openedAt = 1;
  private lastWasCr = false;

  push(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    let start = 0;
    const flush = (end: number) => {
      if (end > start) this.field += text.slice(start, end);
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.lastWasCr) {
        this.lastWasCr = false;
        if (c === 10) {
          start = i + 1;
          continue;
        }
      }
      if (this.quoted) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === 34) {
            // A doubled quote: one literal '"'.
            this.field += '"';
            start = i + 1;
            continue;
          }
          if (c === 44 || c === 10 || c === 13) {
            this.quoted = false;
            // The closing quote was already left out of the field text.
          } else {
            // Sloppy quoting ('"a "b" c"'): the quote was text.
            this.field += '"';
            start = i;
            continue;
          }
        } else {
          if (c === 34) {
            flush(i);
            start = i + 1;
            this.quotePending = true;
          } else if (c === 10) this.line++;
          continue;
        }
      }
      if (c === 34 && !this.fieldStarted) {
        this.quoted = true;
        this.fieldStarted = true;
        this.openedAt = this.line;
        start = i + 1;
        continue;
      }
      if (c === 44) {
        flush(i);
        this.fields.push(this.field);
        this.field = '';
        this.fieldStarted = false;
        start = i + 1;
      } else if (c === 10 || c === 13) {
        flush(i);
        this.endRecord(records);
        this.line++;
        this.recordLine = this.line;
        this.lastWasCr = c === 13;
        start = i + 1;
      } else {
        this.fieldStarted = true;
      }
    }
    flush(text.length);
    if (this.field.length > MAX_FIELD_CHARS) throw new CsvSyntaxError(this.openedAt, 'a quoted field is not closed');
    return records;
  }

  end(): CsvRecord[] {
    const records: CsvRecord[] = [];
    if (this.quoted && !this.quotePending) throw new CsvSyntaxError(this.openedAt, 'a quoted field is not closed');
    this.quoted = false;
    this.quotePending = false;
    if (this.field !== '' || this.fields.length > 0) this.endRecord(records);
    return records;
  }

  private endRecord(records: CsvRecord[]): void {
    this.fields.push(this.field);
    if (this.fields.length > 1 || this.fields[0] !== '') records.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
    this.field = '';
    this.fieldStarted = false;
  }
}

/** A whole CSV text to records (small files: our CSV in tests and the demo list). */
export function parseCsv(text: string): CsvRecord[] {
  const reader = new CsvReader();
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return [...reader.push(input), ...reader.end()];
}
