#!/usr/bin/env node
// Every citation of the project's own documents must resolve for someone who clones the repo:
// `docs/cloud-contract.md §N` names a section that exists, `docs/product.md "Heading"` (or
// `step N`) names a heading, bold lead or workflow step of docs/product.md, and nothing
// points outside the repository (`../shared`, PRODUCT.md) or cites "contract §N" without
// saying which file. Run by `pnpm lint`; prints each bad reference with its file and line.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

/** `## 8. Title` → "8", `### 6.2 Title` → "6.2". */
export function contractSections(text) {
  const sections = new Set();
  for (const match of text.matchAll(/^#{2,4} (\d+(?:\.\d+)*)\.? /gm)) sections.add(match[1]);
  return sections;
}

/** Headings and bold leads ("**Monitoring acts.**") of docs/product.md, and its numbered steps. */
export function productAnchors(text) {
  const names = new Set();
  for (const match of text.matchAll(/^#{1,4} (.+)$/gm)) names.add(match[1].trim());
  for (const match of text.matchAll(/\*\*([^*]+?)[.:]?\*\*/g)) names.add(match[1].trim());
  const steps = new Set([...text.matchAll(/^(\d+)\. /gm)].map((m) => m[1]));
  return { names, steps };
}

const SECTION_LIST = /docs\/cloud-contract\.md((?:(?:,| and| or|–|-)?\s*§\d+(?:\.\d+)*)+)/g;
const PRODUCT_REF = /docs\/product\.md,?\s+(?:"([^"]+)"|step (\d+))/g;
const FORBIDDEN = [
  { pattern: /\.\.\/shared\b|\/work\/shared\b/, why: 'points outside the repository: cite docs/' },
  { pattern: /\bPRODUCT\.md\b/, why: 'PRODUCT.md is not in the repository: cite docs/product.md' },
  { pattern: /(?<![\w./-])contract §\d/, why: 'say which file: docs/cloud-contract.md §N' },
];

/** The problems of one file's text, as `line: message`. */
export function problemsIn(text, sections, product) {
  const problems = [];
  text.split('\n').forEach((line, i) => {
    const at = `${i + 1}`;
    for (const { pattern, why } of FORBIDDEN) if (pattern.test(line)) problems.push(`${at}: ${why}`);
    for (const match of line.matchAll(SECTION_LIST))
      for (const section of match[1].matchAll(/§(\d+(?:\.\d+)*)/g))
        if (!sections.has(section[1])) problems.push(`${at}: docs/cloud-contract.md has no section §${section[1]}`);
    for (const match of line.matchAll(PRODUCT_REF)) {
      if (match[1] !== undefined && ![...product.names].some((name) => name.startsWith(match[1].replace(/…$/, ''))))
        problems.push(`${at}: docs/product.md has no heading "${match[1]}"`);
      if (match[2] !== undefined && !product.steps.has(match[2]))
        problems.push(`${at}: docs/product.md has no step ${match[2]}`);
    }
  });
  return problems;
}

const CHECKED = /\.(ts|tsx|mts|mjs|js|sql|css|html|md)$/;
const EXEMPT = ['docs/wip/', 'apps/bff/src/db/migrations/', 'scripts/check-doc-refs.mjs'];

function main() {
  const sections = contractSections(read('docs/cloud-contract.md'));
  const product = productAnchors(read('docs/product.md'));
  const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    // docs/wip holds patches of earlier work, kept as they were written; merged migrations
    // are never edited (their "contract §N" is this repo's docs/cloud-contract.md).
    .filter((f) => CHECKED.test(f) && !EXEMPT.some((prefix) => f.startsWith(prefix)));
  let bad = 0;
  for (const file of files) {
    for (const problem of problemsIn(read(file), sections, product)) {
      process.stderr.write(`${file}:${problem}\n`);
      bad += 1;
    }
  }
  if (bad > 0) {
    process.stderr.write(`${bad} reference(s) to the project's documents do not resolve.\n`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
