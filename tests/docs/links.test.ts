import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchors, links, markdownFiles, read, root, slug, srcPaths } from './markdown.js';

/**
 * The README and docs/ point at each other, at the source folders and at
 * sections of pages. Every relative link must land on a file of the project
 * and, with a #fragment into a Markdown page, on one of its headings; every
 * src/ path the pages name must exist, so moving code shows which pages to
 * update.
 */

const files = markdownFiles();

describe('the Markdown helpers', () => {
  it("make GitHub's anchors", () => {
    expect(slug('Experiments and CI')).toBe('experiments-and-ci');
    expect(slug('`pickers`: person-to-goods zones')).toBe('pickers-person-to-goods-zones');
    expect(slug('Files, limits and the live server')).toBe('files-limits-and-the-live-server');
    expect(slug('The kernel and the tick')).toBe('the-kernel-and-the-tick');
    expect([...anchors('# A\n## B\n## B\n```\n## not a heading\n```\n')]).toEqual(['a', 'b', 'b-1']);
  });

  it('find links outside code only', () => {
    const text = 'See [a](a.md) and ![img](images/x.png "title").\n`[no](no.md)`\n```\n[no](no.md)\n```\n[b](<b c.md>)';
    expect(links(text).map((l) => l.target)).toEqual(['a.md', 'images/x.png']);
  });
});

describe('links in README.md and docs/', () => {
  it('finds the pages', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('docs/README.md');
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('every relative link in %s resolves', (file) => {
    const text = read(file);
    const broken: string[] = [];
    for (const { line, target } of links(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const hash = target.indexOf('#');
      const path = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
      const fragment = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
      const abs = path === '' ? join(root, file) : normalize(join(root, dirname(file), path));
      const where = `${file}:${line}: ${target}`;
      if (relative(root, abs).startsWith('..')) {
        broken.push(`${where}: points outside the project`);
        continue;
      }
      if (!existsSync(abs)) {
        broken.push(`${where}: no such file`);
        continue;
      }
      if (fragment !== null) {
        if (!abs.endsWith('.md') || statSync(abs).isDirectory()) {
          broken.push(`${where}: a #fragment into a file that is not a Markdown page`);
          continue;
        }
        const known = anchors(read(relative(root, abs)));
        if (!known.has(fragment)) broken.push(`${where}: no heading with anchor #${fragment} in ${relative(root, abs)}`);
      }
    }
    expect(broken, `broken links:\n${broken.join('\n')}`).toEqual([]);
  });

  it('docs/README.md lists every page of docs/, and README.md links to it', () => {
    const index = new Set(links(read('docs/README.md')).map(({ target }) => normalize(join('docs', target.split('#')[0]))));
    const unlisted = files.filter((f) => f.startsWith('docs/') && f !== 'docs/README.md' && !index.has(f));
    expect(unlisted, `pages missing from the index docs/README.md:\n${unlisted.join('\n')}`).toEqual([]);
    expect(links(read('README.md')).map((l) => l.target)).toContain('docs/README.md');
  });

  it.each(files)('every src/ path %s names exists', (file) => {
    const missing = srcPaths(read(file))
      .filter(({ path }) => !existsSync(join(root, path)))
      .map(({ line, path }) => `${file}:${line}: ${path}`);
    expect(missing, `src/ paths that do not exist:\n${missing.join('\n')}`).toEqual([]);
  });
});
