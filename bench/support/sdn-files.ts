/**
 * Deterministic files shaped like OFAC's legacy SDN CSVs (sdn.csv, alt.csv, add.csv), at the
 * real list's size: 15 000 entries (7 000 individuals written "LAST, First Middle", 7 000
 * entities with legal forms and descriptors, 1 000 vessels and aircraft), about 18 000
 * a.k.a.s (33 000 names in all), remarks with dates of birth and nationalities, several
 * programmes per row, CRLF, `-0- ` placeholders and the trailing \x1a, as the real files.
 */
import { COUNTRIES, CULTURES, FIRST, pick, prng, syntheticSurname } from './screening-data';

export const SDN_ENTRIES = 15_000;
const INDIVIDUALS = 7_000;
const ENTITIES = 7_000;

const COUNTRY_NAMES: Record<string, string> = {
  RU: 'Russia',
  SY: 'Syria',
  MX: 'Mexico',
  GB: 'United Kingdom',
  CN: 'China',
  NG: 'Nigeria',
  IR: 'Iran',
  VE: 'Venezuela',
  AE: 'United Arab Emirates',
  KP: 'Korea, North',
  US: 'United States',
  FR: 'France',
};
const PROGRAMS = ['SDGT', 'IRAN', 'RUSSIA-EO14024', 'SYRIA', 'SDNTK', 'CUBA', 'DPRK3', 'VENEZUELA-EO13850', 'GLOMAG'];
const LEGAL = ['LLC', 'LIMITED', 'JOINT STOCK COMPANY', 'OOO', 'S.A.', 'GMBH', 'CO., LTD.', 'FZE', 'PJSC'];
const DESCRIPTORS = ['TRADING', 'SHIPPING', 'BANK', 'INDUSTRIAL', 'PETROLEUM', 'INVESTMENT', 'GROUP', 'HOLDING'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const NULL = '-0- ';
const q = (text: string) => `"${text.replaceAll('"', '""')}"`;

export type SdnFiles = { readonly sdn: string; readonly alt: string; readonly add: string };

function personName(random: () => number): { last: string; given: string } {
  const culture = pick(random, CULTURES);
  const middle = random() < 0.4 ? ` ${pick(random, FIRST[culture])}` : '';
  return { last: syntheticSurname(random, culture).toUpperCase(), given: `${pick(random, FIRST[culture])}${middle}` };
}

function companyName(random: () => number): string {
  const core = syntheticSurname(random, pick(random, CULTURES)).toUpperCase();
  const descriptor = random() < 0.6 ? ` ${pick(random, DESCRIPTORS)}` : '';
  const legal = pick(random, LEGAL);
  return legal === 'OOO' ? `OOO ${core}${descriptor}` : `${core}${descriptor} ${legal}`;
}

/** The three files, and the listed names (as written in sdn.csv) identities may carry. */
export function sdnFiles(seed = 20261201): SdnFiles & { readonly listedNames: readonly string[] } {
  const random = prng(seed);
  const sdn: string[] = [];
  const alt: string[] = [];
  const add: string[] = [];
  const listedNames: string[] = [];
  let altNum = 1;
  for (let i = 0; i < SDN_ENTRIES; i++) {
    const ent = 10_000 + i;
    const programs = Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(random, PROGRAMS));
    const country = pick(random, COUNTRIES);
    let name: string;
    let type: string;
    let remarks = NULL;
    let aliases: string[] = [];
    if (i < INDIVIDUALS) {
      const { last, given } = personName(random);
      name = `${last}, ${given}`;
      type = 'individual';
      const year = 1940 + Math.floor(random() * 60);
      const dob = `DOB ${String(1 + Math.floor(random() * 28))} ${pick(random, MONTHS)} ${String(year)}`;
      const alsoDob = random() < 0.3 ? `; alt. DOB ${String(year + 1)}` : '';
      remarks = q(
        `${dob}${alsoDob}; POB ${COUNTRY_NAMES[country] ?? 'Syria'}; nationality ${COUNTRY_NAMES[country] ?? 'Syria'}; Gender ${random() < 0.8 ? 'Male' : 'Female'}.`,
      );
      aliases = Array.from({ length: Math.floor(random() * 4) }, () => {
        const other = personName(random);
        return random() < 0.5 ? `${last}, ${other.given}` : `${other.last}, ${given}`;
      });
    } else if (i < INDIVIDUALS + ENTITIES) {
      name = companyName(random);
      type = NULL;
      aliases = Array.from({ length: Math.floor(random() * 2.5) }, () => companyName(random));
    } else {
      name = `${syntheticSurname(random, pick(random, CULTURES)).toUpperCase()} ${random() < 0.5 ? 'STAR' : 'PEARL'}`;
      type = random() < 0.8 ? 'vessel' : 'aircraft';
    }
    listedNames.push(name);
    sdn.push(
      [
        ent,
        q(name),
        type === NULL ? NULL : type,
        q(programs.join('] [')),
        NULL,
        NULL,
        NULL,
        NULL,
        NULL,
        NULL,
        NULL,
        remarks,
      ].join(','),
    );
    for (const alias of aliases) {
      alt.push([ent, altNum++, q('aka'), q(alias), NULL].join(','));
    }
    add.push([ent, i + 1, NULL, q('Somewhere'), q(COUNTRY_NAMES[country] ?? 'Syria'), NULL].join(','));
  }
  const file = (rows: string[]) => `${rows.join('\r\n')}\r\n\x1a`;
  return { sdn: file(sdn), alt: file(alt), add: file(add), listedNames };
}
