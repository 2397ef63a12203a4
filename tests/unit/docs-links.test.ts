// The project's documents link only to what a clone contains: a link out of the repository (the
// README once pointed at ../shared/DESIGN.md) is dead for every reader of the project.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? markdownFiles(path) : entry.name.endsWith('.md') ? [path] : [];
  });
}

describe('links in the documents', () => {
  const files = markdownFiles(ROOT);

  it('finds the README and the decisions', () => {
    expect(files).toContain(join(ROOT, 'README.md'));
    expect(files.filter((f) => f.includes('docs/decisions/')).length).toBeGreaterThan(20);
  });

  it('every relative link names a file of the repository', () => {
    const broken: string[] = [];
    for (const file of files) {
      for (const [, target] of readFileSync(file, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
        // Site paths (/datenschutz in the legal texts) and placeholders are not files.
        if (/^(https?:|mailto:|#|\/)/.test(target!) || target!.includes('{{')) continue;
        const path = resolve(dirname(file), target!.split('#')[0]!);
        if (!path.startsWith(ROOT + '/') || !existsSync(path)) broken.push(`${relative(ROOT, file)}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
