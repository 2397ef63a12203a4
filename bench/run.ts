// `npm run bench [-- --only map,scan] [--write [--note TEXT]]`: runs every benchmark that package.json
// names as a `bench:*` script (so one added later joins by itself), one after the other, and prints one
// line per figure: name, value, target, ratio to the target, ok/MISS. The benchmarks' own
// human-readable output goes to stderr as they run; stdout gets only the figure lines.
// With --write, the lines are appended as a dated block with the git commit to bench/RESULTS.md.
// A MISS is not a failure (benchmarks print ratios, they do not pass or fail); a benchmark that exits
// with an error or prints no figure is, and makes this exit with 1.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { formatFigure, meetsTarget, parseFigureLine, type Figure } from './figures.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const RESULTS = join(ROOT, 'bench', 'RESULTS.md');

/**
 * Arguments that keep a benchmark short inside the whole run, by its name after `bench:`: the soak
 * test takes its duration in minutes (`npm run bench:soak -- MINUTES`) and runs one minute here
 * instead of its long default.
 */
const SUITE_ARGS: Record<string, string[]> = { soak: ['1'] };

interface Bench {
  name: string;
  command: string[];
}

function discover(): Bench[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return Object.entries(scripts)
    .filter(([script]) => script.startsWith('bench:'))
    .map(([script, line]) => {
      const name = script.slice('bench:'.length);
      const extra = SUITE_ARGS[name] ?? [];
      // `tsx FILE ARGS` runs as one Node process with tsx's loader (as tests/cli/run.ts does); anything
      // else goes through npm.
      const tsx = /^tsx (\S+)((?: \S+)*)$/.exec(line);
      const command = tsx
        ? [process.execPath, '--import', 'tsx', tsx[1]!, ...tsx[2]!.split(' ').filter(Boolean), ...extra]
        : ['npm', 'run', '--silent', script, ...(extra.length ? ['--', ...extra] : [])];
      return { name, command };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

interface Outcome {
  bench: Bench;
  figures: Figure[];
  code: number | null;
  seconds: number;
}

function runBench(bench: Bench): Promise<Outcome> {
  const started = performance.now();
  const figures: Figure[] = [];
  process.stderr.write(`\n── bench:${bench.name}: ${bench.command.slice(bench.command[0] === process.execPath ? 3 : 0).join(' ')}\n`);
  const child = spawn(bench.command[0]!, bench.command.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `  [${bench.name}] `;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const f = parseFigureLine(line);
    if (f) {
      figures.push(f);
      process.stderr.write(`${prefix}${formatFigure(f)}\n`);
    } else process.stderr.write(prefix + line + '\n');
  });
  createInterface({ input: child.stderr }).on('line', (line) => process.stderr.write(prefix + line + '\n'));
  return new Promise((resolve) => {
    child.once('close', (code) => resolve({ bench, figures, code, seconds: (performance.now() - started) / 1000 }));
  });
}

function gitCommit(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  if (head.status !== 0) return 'unknown';
  // Changes to tracked files mean the figures are not of that commit alone.
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  return head.stdout.trim() + (dirty ? ' + uncommitted changes' : '');
}

function resultsBlock(outcomes: Outcome[], lines: string[], note: string | undefined): string {
  const when = new Date().toISOString().replace(/:\d\d\.\d+Z$/, ' UTC').replace('T', ' ');
  const ran = outcomes.map((o) => `${o.bench.name}${o.code === 0 ? '' : ` (FAILED, exit ${o.code})`}`).join(', ');
  const machine = `${os.cpus().length} cores, load ${loadAtStart.toFixed(1)} at the start and ${os.loadavg()[0]!.toFixed(1)} at the end, Node ${process.versions.node}`;
  return [`## ${when}, commit ${gitCommit()}`, '', `${note ? note + '. ' : ''}Ran: ${ran}. ${machine}.`, '', '```text', ...lines, '```', '', ''].join('\n');
}

const { values } = (() => {
  try {
    return parseArgs({ options: { only: { type: 'string' }, write: { type: 'boolean', default: false }, note: { type: 'string' } } });
  } catch (err) {
    console.error((err as Error).message);
    console.error('usage: npm run bench [-- --only NAME,NAME] [--write [--note TEXT]]');
    process.exit(1);
  }
})();

const all = discover();
let chosen = all;
if (values.only) {
  const wanted = values.only.split(',').map((s) => s.trim().replace(/^bench:/, '')).filter(Boolean);
  const unknown = wanted.filter((w) => !all.some((b) => b.name === w));
  if (unknown.length) {
    console.error(`no benchmark ${unknown.join(', ')}; there are: ${all.map((b) => b.name).join(', ')}`);
    process.exit(1);
  }
  chosen = all.filter((b) => wanted.includes(b.name));
}

// The load of the machine says how far to trust a block: others' work shares the cores.
const loadAtStart = os.loadavg()[0]!;
const outcomes: Outcome[] = [];
for (const bench of chosen) outcomes.push(await runBench(bench));

const lines: string[] = [];
for (const o of outcomes) {
  for (const f of o.figures) lines.push(formatFigure(f));
  if (o.code !== 0) lines.push(`${`bench:${o.bench.name}`.padEnd(56)}  FAILED (exit ${o.code})`);
  else if (o.figures.length === 0) lines.push(`${`bench:${o.bench.name}`.padEnd(56)}  FAILED (no figures)`);
}
process.stderr.write(`\n${outcomes.map((o) => `bench:${o.bench.name} ${o.seconds.toFixed(0)} s`).join(', ')}\n\n`);
for (const line of lines) console.log(line);
const missed = outcomes.flatMap((o) => o.figures).filter((f) => !meetsTarget(f)).length;
const failed = outcomes.filter((o) => o.code !== 0 || o.figures.length === 0);
process.stderr.write(`\n${lines.length - failed.length} figures, ${missed} MISS, ${failed.length} benchmark(s) failed\n`);

if (values.write) {
  appendFileSync(RESULTS, resultsBlock(outcomes, lines, values.note));
  process.stderr.write(`appended to ${RESULTS}\n`);
}
process.exit(failed.length ? 1 : 0);
