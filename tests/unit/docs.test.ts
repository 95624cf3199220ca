/**
 * A citation cannot point at nothing: every `docs/<name>.md` named in the code, the tests, the scripts, the
 * README and the docs themselves is a file of docs/, and every section it cites (`§5`, `§6, §7`, `§4's and
 * §6's`, `第5节` in Chinese text) is a numbered heading of that file (`## 5. …`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const SKIP_DIRS = new Set(['node_modules', 'dist', 'release', 'test-results', '.git']);
const TEXT = /\.(ts|tsx|js|mjs|cjs|md|sql|json|yml|html|css)$/;
/** This file holds citations of sections that do not exist, on purpose (below). */
const SELF = path.join('tests', 'unit', 'docs.test.ts');

/**
 * `docs/name.md`, then the sections it cites: `§N` or `第N节`, several joined by commas, "and", "or" or 、,
 * each may read `§N's` or be followed by a lower-case note in brackets (`§4 (procedure) and §6`); a comment's
 * line break (`*`, `//`, `#`) may come between.
 */
const CITATION = /docs\/([a-z][a-z0-9-]*)\.md((?:(?:['’]s)?[\s*/#,(]*(?:(?:and|or|、)[\s*/#(]*)?(?:§\d+|第\d+节)(?:['’]s)?(?: ?\([a-z ]+\))?)*)/g;
const SECTION = /§(\d+)|第(\d+)节/g;

interface Citation {
  file: string;
  line: number;
  doc: string;
  sections: number[];
}

function citationsIn(file: string, text: string): Citation[] {
  const out: Citation[] = [];
  for (const m of text.matchAll(CITATION)) {
    const sections = [...m[2]!.matchAll(SECTION)].map((s) => Number(s[1] ?? s[2]));
    out.push({ file, line: text.slice(0, m.index).split('\n').length, doc: m[1]!, sections });
  }
  return out;
}

/** The numbered headings of a doc: `## 5. Money` → 5. */
function headings(doc: string): Set<number> | null {
  const file = path.join(ROOT, 'docs', `${doc}.md`);
  if (!fs.existsSync(file)) return null;
  return new Set([...fs.readFileSync(file, 'utf8').matchAll(/^#{2,3} (\d+)\. /gm)].map((m) => Number(m[1])));
}

function repositoryFiles(dir = ROOT): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...repositoryFiles(full));
    else if (TEXT.test(entry.name) && entry.name !== 'package-lock.json') files.push(full);
  }
  return files;
}

/** Every citation that names a missing doc or a section that is not one of its headings. */
function brokenCitations(citations: readonly Citation[]): string[] {
  const cache = new Map<string, Set<number> | null>();
  const broken: string[] = [];
  for (const c of citations) {
    if (!cache.has(c.doc)) cache.set(c.doc, headings(c.doc));
    const known = cache.get(c.doc)!;
    if (known === null) broken.push(`${c.file}:${c.line} cites docs/${c.doc}.md, which does not exist`);
    else for (const s of c.sections) if (!known.has(s)) broken.push(`${c.file}:${c.line} cites docs/${c.doc}.md §${s}, which is not a heading there`);
  }
  return broken;
}

describe('citations of docs/', () => {
  it('reads the forms the code writes', () => {
    const text = [
      '(docs/domain.md §4)', 'docs/domain.md §6, §7', "docs/domain.md §4's and §6's defaults", 'docs/domain.md\n * §5 and §8',
      "docs/domain.md §4's (procedure) and §6's.", '本软件领域说明 docs/domain.md 第5节所载', "docs/domain.md's default", 'docs/cli.md §10: an option',
      '(docs/domain.md §6) and the coverage targets (§7)',
    ].join('\n');
    expect(citationsIn('x', text).map((c) => [c.doc, c.sections])).toEqual([
      ['domain', [4]], ['domain', [6, 7]], ['domain', [4, 6]], ['domain', [5, 8]], ['domain', [4, 6]], ['domain', [5]], ['domain', []],
      ['cli', [10]], ['domain', [6]],
    ]);
  });

  it('finds a section or a doc that does not exist', () => {
    expect(brokenCitations(citationsIn('x', 'docs/domain.md §11 and docs/cli.md §5, §42; docs/nothing.md'))).toEqual([
      'x:1 cites docs/domain.md §11, which is not a heading there',
      'x:1 cites docs/cli.md §42, which is not a heading there',
      'x:1 cites docs/nothing.md, which does not exist',
    ]);
  });

  it('every citation in the repository names a doc and a heading that exist', () => {
    const citations = repositoryFiles()
      .filter((file) => path.relative(ROOT, file) !== SELF)
      .flatMap((file) => citationsIn(path.relative(ROOT, file), fs.readFileSync(file, 'utf8')));
    // The code cites the docs in many places: finding few would mean the pattern stopped matching.
    expect(citations.filter((c) => c.doc === 'domain').length).toBeGreaterThan(80);
    expect(citations.some((c) => c.doc === 'architecture' && c.sections.length > 0)).toBe(true);
    expect(citations.some((c) => c.doc === 'cli' && c.sections.length > 0)).toBe(true);
    expect(brokenCitations(citations)).toEqual([]);
  });

  it('domain.md keeps the ten sections the code cites, in order', () => {
    expect([...headings('domain')!]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
