// The import graph of the application code (domain/, server/, db/, qr/), by area, and the directions the
// layers may not point. Used by tests/architecture/imports.test.ts, and as a script that prints the
// edge counts per direction: `npx tsx tests/architecture/imports.ts`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE_DIRS = ['domain', 'server', 'db', 'qr'];

/** Where a file sits in the layers: pure domain code, data, the app's own modules, routes, views, commands. */
export type Area = 'domain' | 'db' | 'qr' | 'server' | 'i18n' | 'routes' | 'views' | 'app' | 'cli';

export function areaOf(file: string): Area {
  if (file === 'server/app.ts') return 'app'; // the site map: it mounts every route
  if (file.startsWith('domain/')) return 'domain';
  if (file.startsWith('server/i18n/')) return 'i18n';
  if (file.startsWith('server/routes/')) return 'routes';
  if (file.startsWith('server/views/')) return 'views';
  if (file.startsWith('db/cli/') || file === 'qr/cli.ts' || file === 'server/main.ts') return 'cli';
  if (file.startsWith('server/')) return 'server';
  if (file.startsWith('db/')) return 'db';
  return 'qr';
}

export interface Edge {
  from: string;
  to: string;
  /** The names imported (`*` for a namespace or a default import, none for a side-effect import). */
  names: string[];
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

// Static imports and re-exports (type-only ones too: they couple the layers as much) and import().
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b([^'"`;]*?)from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function importedNames(clause: string | undefined): string[] {
  if (clause === undefined) return ['*'];
  const braces = /\{([^}]*)\}/.exec(clause)?.[1];
  const names = braces ? braces.split(',').map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!).filter(Boolean) : [];
  // A default or namespace import next to (or instead of) the braces.
  if (/[\w$*]/.test(clause.replace(/\{[^}]*\}/, '').replace(/^\s*type\b/, ''))) names.push('*');
  return names;
}

/** Every import between files of server/, db/ and qr/ (packages and node: modules left out). */
export function importEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const from of SOURCE_DIRS.flatMap(sourceFiles)) {
    const text = readFileSync(join(ROOT, from), 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const specifier = m[2] ?? m[3] ?? m[4]!;
      if (!specifier.startsWith('.')) continue;
      const to = relative(ROOT, resolve(ROOT, dirname(from), specifier));
      const names = m[3] !== undefined ? [] : importedNames(m[1]);
      if (SOURCE_DIRS.some((d) => to.startsWith(`${d}/`))) edges.push({ from, to, names });
    }
  }
  return edges;
}

/**
 * The directions issue 12 forbids: domain code imports nothing of the app; db/ imports nothing of the
 * server (the domain it needs is in domain/, where both may import it); qr/ and db/ do not import each
 * other; views import no routes; a route takes nothing from another route but its sub-app (the
 * `…Routes` function it mounts). Null when the edge is allowed.
 */
export function violation(edge: Edge): string | null {
  const [a, b] = [areaOf(edge.from), areaOf(edge.to)];
  if (a === 'domain' && b !== 'domain') return 'domain code imports the app';
  if (a === 'db' && ['server', 'i18n', 'routes', 'views', 'app'].includes(b)) return 'db imports server';
  if ((a === 'db' && b === 'qr') || (a === 'qr' && b === 'db')) return 'db and qr import each other';
  if (a === 'views' && b === 'routes') return 'a view imports a route';
  if (a === 'routes' && b === 'routes' && !edge.names.every((n) => /Routes$/.test(n))) return 'a route takes logic from another route';
  return null;
}

/** Edge counts by direction ("db -> domain": 31), largest first. */
export function countsByDirection(edges: Edge[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const e of edges) {
    const key = `${areaOf(e.from)} -> ${areaOf(e.to)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const edges = importEdges();
  for (const [direction, n] of countsByDirection(edges)) console.log(`${direction.padEnd(22)} ${n}`);
  const bad = edges.filter((e) => violation(e));
  console.log(`\n${edges.length} edges between ${new Set(edges.flatMap((e) => [e.from, e.to])).size} files; ${bad.length} against the layers`);
}
