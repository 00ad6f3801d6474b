import type { WatchlistEntry } from '@kyc-review/contracts';
import { describe, expect, it } from 'vitest';
import { WatchlistFileError, type ImportFile, type ImportItem } from './import-types';
import { parseOfacRemarks } from './ofac-remarks';
import { readWatchlistFiles, type ReadOptions } from './read-watchlist-files';

/** A file whose bytes arrive in chunks of `size`, splitting lines and multi-byte characters. */
function file(name: string, text: string | Uint8Array, size = 7): ImportFile {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield await Promise.resolve(bytes.slice(i, i + size));
  }
  return { name, chunks: chunks() };
}

async function* files(...list: ImportFile[]) {
  for (const f of list) yield await Promise.resolve(f);
}

async function read(list: ImportFile[], options: ReadOptions = {}): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of readWatchlistFiles(files(...list), options)) items.push(item);
  return items;
}

const entries = (items: ImportItem[]): WatchlistEntry[] => items.flatMap((i) => (i.kind === 'entry' ? [i.entry] : []));
const refused = (items: ImportItem[]) =>
  items.flatMap((i) => (i.kind === 'refused' ? [{ file: i.file, line: i.line, message: i.message }] : []));

async function readError(list: ImportFile[], options: ReadOptions = {}): Promise<WatchlistFileError> {
  try {
    await read(list, options);
  } catch (error) {
    if (error instanceof WatchlistFileError) return error;
    throw error;
  }
  throw new Error('expected the upload to be refused');
}

// The legacy OFAC files as Treasury publishes them: no header, "-0- " for nulls, CRLF,
// a trailing \x1a, "LAST, First" names, several programs, facts in Remarks.
const SDN = [
  '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
  '2674,"ABDUL RAHMAN, Ahmad",individual,"SDGT] [IRAQ2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 10 Dec 1948; alt. DOB 1950; POB Giza, Egypt; nationality Egypt; citizen Jordan; Gender Male; a.k.a. \'ABU AHMAD\'; f.k.a. \'AHMAD AL-RAHMANI\'; Passport 1234 (Egypt)."',
  '15036,"ANASTASIA",vessel,"IRAN",-0- ,"9HA1234",-0- ,-0- ,"150000","Malta","NATIONAL IRANIAN TANKER CO","Vessel Registration Identification IMO 9000001."',
  '15037,"EP-ABC",aircraft,"SDGT",-0- ,-0- ,"Airbus A300",-0- ,-0- ,"Iran",-0- ,-0- ',
  '17001,"GAZPROMBANK JOINT STOCK COMPANY",-0- ,"UKRAINE-EO13662] [RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Nationality of Registration Russia; Organization Established Date 1990."',
  'not-a-number,"BROKEN",individual,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
  '17002,"SHORT ROW",individual',
  '36,"DUPLICATE",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
].join('\r\n');
const ALT = [
  '36,12,"aka","AERO-CARIBBEAN",-0- ',
  '2674,300,"aka","ABD AL-RAHMAN, Ahmed",-0- ',
  '2674,301,"aka","AHMAD",weak',
  '99999,1,"aka","ORPHAN",-0- ',
].join('\r\n');
const ADD = ['36,25,"Zone Franche",-0- ,"Cuba",-0- ', '2674,26,-0- ,"Amman","Jordan",-0- '].join('\r\n');

describe('OFAC SDN legacy files', () => {
  it('reads sdn.csv, alt.csv and add.csv together, in any order, with every real-file quirk', async () => {
    const items = await read([
      file('add.csv', `${ADD}\r\n\x1a`),
      file('sdn.csv', `${SDN}\r\n\x1a`),
      file('alt.csv', `${ALT}\r\n\x1a`),
    ]);
    const byId = new Map(entries(items).map((e) => [e.entry_id, e]));
    expect([...byId.keys()].sort()).toEqual([
      'ofac_sdn_15036',
      'ofac_sdn_15037',
      'ofac_sdn_17001',
      'ofac_sdn_2674',
      'ofac_sdn_36',
    ]);
    expect(byId.get('ofac_sdn_2674')).toEqual({
      entry_id: 'ofac_sdn_2674',
      name: 'ABDUL RAHMAN, Ahmad',
      entry_type: 'person',
      aliases: [
        { name: 'ABU AHMAD', kind: 'strong' },
        { name: 'AHMAD AL-RAHMANI', kind: 'strong' },
        { name: 'ABD AL-RAHMAN, Ahmed', kind: 'strong' },
        { name: 'AHMAD', kind: 'weak' },
      ],
      dobs: ['1948-12-10', '1950'],
      nationalities: ['EG', 'JO'],
      countries: ['EG', 'JO'],
      list: 'OFAC SDN',
      topic: 'sanction',
      source: 'OFAC SDN ent_num 2674',
      programmes: ['SDGT', 'IRAQ2'],
    });
    expect(byId.get('ofac_sdn_36')).toMatchObject({
      entry_type: 'organization',
      aliases: [{ name: 'AERO-CARIBBEAN', kind: 'strong' }],
      countries: ['CU'],
      programmes: ['CUBA'],
      dobs: [],
    });
    expect(byId.get('ofac_sdn_15036')).toMatchObject({ entry_type: 'vessel', countries: ['MT'] });
    expect(byId.get('ofac_sdn_15037')).toMatchObject({ entry_type: 'aircraft', countries: ['IR'] });
    expect(byId.get('ofac_sdn_17001')).toMatchObject({
      programmes: ['UKRAINE-EO13662', 'RUSSIA-EO14024'],
      countries: ['RU'],
    });
    expect(refused(items)).toEqual([
      { file: 'sdn.csv', line: 6, message: 'ent_num "not-a-number" is not a number' },
      { file: 'sdn.csv', line: 7, message: 'expected 12 fields (sdn.csv), found 3' },
      { file: 'sdn.csv', line: 8, message: 'duplicate ent_num 36 (line 1)' },
    ]);
    expect(items).toContainEqual({
      kind: 'skipped',
      reason: 'alt.csv/add.csv rows of an ent_num not in sdn.csv',
      count: 1,
    });
    expect(items.filter((i) => i.kind === 'file')).toEqual([
      { kind: 'file', name: 'add.csv', format: 'ofac_sdn', part: 'add.csv', rows: 2, refused: 0 },
      { kind: 'file', name: 'sdn.csv', format: 'ofac_sdn', part: 'sdn.csv', rows: 8, refused: 3 },
      { kind: 'file', name: 'alt.csv', format: 'ofac_sdn', part: 'alt.csv', rows: 4, refused: 0 },
    ]);
  });

  it('tells the files apart by content, whatever they are called', async () => {
    const items = await read([file('upload-1', SDN), file('upload-2', ALT)]);
    expect(items.flatMap((i) => (i.kind === 'file' ? [i.part] : []))).toEqual(['sdn.csv', 'alt.csv']);
  });

  it('refuses alt.csv or add.csv without sdn.csv', async () => {
    const error = await readError([file('alt.csv', ALT)]);
    expect(error.message).toContain('upload sdn.csv with them');
  });

  it('reads the facts of Remarks: dates, ranges, places, nationality, aliases', () => {
    expect(
      parseOfacRemarks(
        "DOB circa 1955; alt. DOB 1960 to 1962; DOB Mar 1970; POB Baghdad, Iraq; nationality Iraq; citizen Syria; a.k.a. 'AL-HAJJ'; weak a.k.a. 'THE DOCTOR'; Linked To: SOME COMPANY.",
      ),
    ).toEqual({
      dobs: ['1955', '1960', '1961', '1962', '1970-03'],
      nationalities: ['IQ', 'SY'],
      countries: ['IQ'],
      aliases: [
        { name: 'AL-HAJJ', kind: 'strong' },
        { name: 'THE DOCTOR', kind: 'weak' },
      ],
    });
  });
});

describe('OpenSanctions', () => {
  const ftm = [
    JSON.stringify({
      id: 'NK-abc',
      schema: 'Person',
      caption: 'Ivan Petrov',
      target: true,
      datasets: ['us_ofac_sdn', 'eu_fsf'],
      properties: {
        name: ['Ivan Petrov', 'Иван Петров'],
        alias: ['Iwan Petroff'],
        weakAlias: ['Vanya'],
        firstName: ['Ivan'],
        lastName: ['Petrov'],
        birthDate: ['1970-05-01', '1971'],
        nationality: ['ru'],
        country: ['ru', 'cy'],
        topics: ['sanction', 'role.pep'],
        programId: ['RUSSIA-EO14024'],
      },
    }),
    JSON.stringify({ id: 'addr-1', schema: 'Address', properties: { full: ['Moscow'] } }),
    JSON.stringify({
      id: 'NK-org',
      schema: 'Company',
      properties: { name: ['Acme Trading LLC'], jurisdiction: ['ae'], topics: ['crime.fin'] },
    }),
    JSON.stringify({ id: 'NK-rel', schema: 'Person', target: false, properties: { name: ['Relative Person'] } }),
    JSON.stringify({ id: 'NK-vessel', schema: 'Vessel', properties: { name: ['SEA STAR'], flag: ['pa'] } }),
    '{"id": "broken", ',
    JSON.stringify({ id: 'NK-noname', schema: 'Person', properties: {} }),
    '',
  ].join('\n');

  it('reads FollowTheMoney entity lines: schemata, names by kind, dates, countries, topics', async () => {
    const items = await read([file('entities.ftm.json', ftm, 13)]);
    const [person, org, vessel] = entries(items);
    expect(person).toEqual({
      entry_id: 'os_NK-abc',
      name: 'Ivan Petrov',
      entry_type: 'person',
      aliases: [
        { name: 'Иван Петров', kind: 'strong' },
        { name: 'Iwan Petroff', kind: 'strong' },
        { name: 'Vanya', kind: 'weak' },
      ],
      dobs: ['1970-05-01', '1971'],
      nationalities: ['RU'],
      countries: ['CY'],
      list: 'OpenSanctions',
      topic: 'sanction',
      source: 'us_ofac_sdn, eu_fsf',
      programmes: ['RUSSIA-EO14024'],
    });
    expect(org).toMatchObject({ entry_type: 'organization', countries: ['AE'], topic: 'crime' });
    expect(vessel).toMatchObject({ entry_type: 'vessel', countries: ['PA'], topic: 'other' });
    expect(refused(items).map((r) => [r.line, r.message])).toEqual([
      [6, 'not a JSON object (entities.ftm.json has one entity per line)'],
      [7, 'the entity has no name'],
    ]);
    expect(items.flatMap((i) => (i.kind === 'skipped' ? [i.reason] : []))).toEqual([
      'Address records (not screened)',
      'entities listed only as related to a target',
    ]);
  });

  it('reads the programmes of Sanction records onto their targets, before or after them in the file', async () => {
    const sanction = (id: string, entity: string, props: Record<string, string[]>) =>
      JSON.stringify({ id, schema: 'Sanction', properties: { entity: [entity], ...props } });
    const lines = [
      sanction('s-1', 'NK-late', { program: ['UKRAINE-EO13662'], authority: ['OFAC'] }),
      JSON.stringify({ id: 'NK-early', schema: 'Person', properties: { name: ['Early Target'], programId: ['IRAN'] } }),
      JSON.stringify({ id: 'NK-late', schema: 'Person', properties: { name: ['Late Target'] } }),
      sanction('s-2', 'NK-early', { programId: ['SDGT', 'IRAN'] }),
      sanction('s-3', 'NK-early', { authority: ['UN'] }),
      sanction('s-4', 'NK-elsewhere', { program: ['CUBA'] }),
    ].join('\n');
    const items = await read([file('entities.ftm.json', lines, 13)]);
    expect(entries(items).map((e) => [e.entry_id, e.programmes])).toEqual([
      ['os_NK-early', ['IRAN']],
      ['os_NK-late', ['UKRAINE-EO13662']],
    ]);
    // Read after its target: handed on for the entry already read; a sanction without a programme adds nothing.
    expect(items.filter((i) => i.kind === 'programmes')).toEqual([
      { kind: 'programmes', entryId: 'os_NK-early', programmes: ['SDGT', 'IRAN'] },
    ]);
    expect(items.filter((i) => i.kind === 'skipped')).toEqual([]);
  });

  it('reads targets.simple.csv with its ";"-separated cells', async () => {
    const simple = [
      'id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,program_ids,dataset,first_seen,last_seen,last_change',
      'NK-1,Person,Ivan Petrov,Иван Петров;I. Petrov,1960-01-01;1961,ru,,,EU Regulation 269/2014,,,EU-UKR,EU FSF,2022-03-01,2026-09-01,2026-09-01',
      'Q7747,Person,Vladimir Putin,,1952-10-07,ru,,,,,,,Every Politician PEPs,2020-01-01,2026-07-01,2026-06-01',
      'NK-2,Company,"Acme Arms, JSC",,,ru,,,EU Regulation 833/2014,,,,EU FSF,2022-03-01,2026-09-01,2026-09-01',
      ',Person,No Id,,,,,,,,,,,,,',
      'NK-3,Address,Somewhere,,,,,,,,,,,,,',
    ].join('\r\n');
    const items = await read([file('targets.simple.csv', simple)]);
    expect(entries(items)).toEqual([
      expect.objectContaining({
        entry_id: 'os_NK-1',
        entry_type: 'person',
        aliases: [
          { name: 'Иван Петров', kind: 'strong' },
          { name: 'I. Petrov', kind: 'strong' },
        ],
        dobs: ['1960-01-01', '1961'],
        countries: ['RU'],
        topic: 'sanction',
        programmes: ['EU-UKR'],
        source: 'EU FSF',
      }),
      expect.objectContaining({ entry_id: 'os_Q7747', topic: 'pep' }),
      expect.objectContaining({ entry_id: 'os_NK-2', name: 'Acme Arms, JSC', entry_type: 'organization' }),
    ]);
    expect(refused(items)).toEqual([{ file: 'targets.simple.csv', line: 5, message: 'id is empty' }]);
  });
});

describe('format recognition', () => {
  it('recognises each format from its content, and honours an explicit format', async () => {
    const formats = async (f: ImportFile, options: ReadOptions = {}) =>
      (await read([f], options)).flatMap((i) => (i.kind === 'file' ? [i.format] : []));
    expect(await formats(file('x', 'name,list,topic\nA Person,Demo,pep\n'))).toEqual(['csv']);
    expect(await formats(file('x', '\uFEFFid,schema,name\nQ1,Person,A\n'))).toEqual(['opensanctions_simple']);
    expect(await formats(file('x', '{"id":"Q1","schema":"Person","properties":{"name":["A"]}}\n'))).toEqual([
      'opensanctions_ftm',
    ]);
    expect(await formats(file('x', SDN), { format: 'ofac_sdn' })).toEqual(['ofac_sdn']);
  });

  it('refuses what it cannot read, saying what it is and what is supported', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
    expect((await readError([file('sdn.zip', zip)])).message).toBe(
      'sdn.zip is a ZIP archive (or a spreadsheet): unpack it or export it as CSV first.',
    );
    const unknown = await readError([file('notes.txt', 'Dear colleague,\nplease screen these people.\n')]);
    expect(unknown.code).toBe('unsupported_watchlist_format');
    expect(unknown.message).toContain('Supported: our CSV');
    expect((await readError([file('x', '{"name":"x"}')])).code).toBe('unsupported_watchlist_format');
    expect((await readError([file('empty.csv', '')])).message).toBe('empty.csv is empty.');
    const named = await readError([file('x', 'name,list,topic\nA,B,pep\n')], { format: 'ofac_sdn' });
    expect(named.message).toBe('x was named as ofac_sdn but reads as csv.');
    const mixed = await readError([file('a.csv', 'name,list,topic\nA,B,pep\n'), file('sdn.csv', SDN)]);
    expect(mixed.message).toContain('import one format at a time');
    const quote = await readError([file('q.csv', 'name,list,topic\nA,B,pep\n"open,B,pep\n')]);
    expect([quote.line, quote.message]).toEqual([3, 'q.csv line 3: a quoted field is not closed']);
  });
});

describe('streaming', () => {
  it('reads a 50 MB file in flat memory', async () => {
    const line = `${JSON.stringify({
      id: 'NK-0000000',
      schema: 'Person',
      properties: { name: ['Generated Person Name'], birthDate: ['1970-01-01'], notes: ['x'.repeat(400)] },
    })}\n`;
    const lines = Math.ceil((50 * 1024 * 1024) / line.length);
    const bytes = new TextEncoder().encode(line);
    async function* big() {
      // 64 KiB network-sized chunks, generated on the fly: the file never exists whole.
      const perChunk = Math.floor(65536 / bytes.length);
      const chunk = new Uint8Array(bytes.length * perChunk);
      for (let k = 0; k < perChunk; k++) chunk.set(bytes, k * bytes.length);
      for (let i = 0; i < lines; i += perChunk) yield await Promise.resolve(chunk);
    }
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    let peak = before;
    for await (const item of readWatchlistFiles(files({ name: 'big.ftm.json', chunks: big() }))) {
      if (item.kind === 'entry') count++;
      if (count % 20000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    console.info(
      `50 MB read: ${String(count)} entities, heap grew at most ${String(Math.round((peak - before) / 1048576))} MB`,
    );
    expect(count).toBeGreaterThanOrEqual(lines - 100);
    // The file is 50 MB; what is held while reading it is a chunk and a line.
    expect(peak - before).toBeLessThan(40 * 1024 * 1024);
  }, 120_000);
});
