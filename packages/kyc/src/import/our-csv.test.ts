import { describe, expect, it } from 'vitest';
import { parseWatchlistCsv, WATCHLIST_CSV_LIMITS } from './our-csv';

describe('parseWatchlistCsv', () => {
  it('reads columns in any order, quoted fields, ";"-separated aliases and country text', () => {
    const csv = [
      'topic,list,name,aliases,dob,nationality,remarks',
      'sanction,Demo list,"Petrov, Ivan","Iwan Petroff; Ivan ""the Fox"" Petrov",1970-05,Russian,ignored',
      'pep,Demo list,"Line\r\nBreak Person",,1961,GB,',
    ].join('\r\n');
    const { entries, errors } = parseWatchlistCsv(csv);
    expect(errors).toEqual([]);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      name: 'Petrov, Ivan',
      aliases: [
        { name: 'Iwan Petroff', kind: 'strong' },
        { name: 'Ivan "the Fox" Petrov', kind: 'strong' },
      ],
      dobs: ['1970-05'],
      nationalities: ['RU'],
      countries: [],
      entry_type: 'unknown',
      topic: 'sanction',
    });
    expect(entries[1]).toMatchObject({ name: 'Line\r\nBreak Person', nationalities: ['GB'], topic: 'pep' });
    expect(entries[0]?.entry_id).toMatch(/^wle_[0-9a-f]{16}$/);
  });

  it('gives the same entry id to the same person on re-import', () => {
    const csv = 'name,list,topic\nIvan Petrov,Demo,sanction\n';
    expect(parseWatchlistCsv(csv).entries[0]?.entry_id).toBe(parseWatchlistCsv(csv).entries[0]?.entry_id);
  });

  it('reports bad rows by line and keeps the good ones', () => {
    const csv = [
      'name,aliases,dob,country,list,topic',
      'Good Person,,1980-01-02,Canada,Demo,sanction',
      ',,,,Demo,sanction',
      'Bad Dob,,1980-13-01,,Demo,sanction',
      'Bad Country,,,Atlantis,Demo,pep',
      'Bad Topic,,,,Demo,villain',
      'Good Person,,1980-01-02,CA,Demo,sanction',
    ].join('\n');
    const { entries, errors } = parseWatchlistCsv(csv);
    expect(entries.map((e) => e.name)).toEqual(['Good Person']);
    expect(errors).toEqual([
      { line: 3, message: 'name is empty' },
      { line: 4, message: 'dob "1980-13-01" is not YYYY, YYYY-MM or YYYY-MM-DD' },
      { line: 5, message: 'country "Atlantis" is not a recognised country' },
      { line: 6, message: expect.stringContaining('topic "villain"') },
      { line: 7, message: 'duplicate of line 2' },
    ]);
  });

  it('rejects a file without the required header columns, empty files and broken quoting', () => {
    expect(parseWatchlistCsv('full_name,list\nX,Y\n').errors).toEqual([
      { line: 1, message: 'the header row lacks the columns name, topic' },
    ]);
    expect(parseWatchlistCsv('').errors[0]?.message).toContain('header row is required');
    expect(parseWatchlistCsv('name,list,topic\n"open,Demo,pep\n').errors).toEqual([
      { line: 2, message: 'a quoted field is not closed' },
    ]);
  });

  it('rejects files over the row cap without parsing entries', () => {
    const rows = Array.from({ length: WATCHLIST_CSV_LIMITS.maxRows + 1 }, (_, i) => `P${String(i)},Demo,pep`);
    const result = parseWatchlistCsv(['name,list,topic', ...rows].join('\n'));
    expect(result.entries).toEqual([]);
    expect(result.errors[0]?.message).toContain('at most 50000');
  });
});
