// One property per route: whatever fast-check sends, the answer and the database pass every check of
// tests/fuzz/checks.ts. A failure names the request, the status and each problem found.
import fc from 'fast-check';
import { settleDepartmentNotifications } from '../../server/notify/department.ts';
import { routeKey, type RouteSpec } from './catalogue.ts';
import { answerProblems, countRows, readAnswer, takeUnhandled, writeProblems } from './checks.ts';
import { runsFor } from './config.ts';
import { takeWrites, type FuzzWorld } from './fixture.ts';
import type { HostileFiles } from './images.ts';
import { buildRequest, fileMap, planFor, type RequestPlan } from './send.ts';

/** Sends one planned request and returns every problem with its answer and what it wrote. */
export async function sendAndCheck(world: FuzzWorld, files: HostileFiles, spec: RouteSpec, plan: RequestPlan): Promise<{ status: number; problems: string[]; url: string; text: string }> {
  const built = await buildRequest(spec, world, fileMap(files), plan);
  await takeWrites(world.ctx.db);
  takeUnhandled(world);
  const before = await countRows(world);
  const answer = await readAnswer(await world.app.request(built.url, built.init, built.env));
  // FUZZ_DEBUG=1 prints every request, to see what a property sends.
  if (process.env['FUZZ_DEBUG']) console.log(answer.status, built.url.slice(0, 100), JSON.stringify(plan.fields).slice(0, 200), plan.body.kind);
  // A forwarding notifies the new department after the answer; its writes belong to this request.
  await settleDepartmentNotifications();
  const problems = [...answerProblems(answer, built.lang), ...(await writeProblems(world, answer.status, before)), ...takeUnhandled(world)];
  return { status: answer.status, problems, url: built.url, text: answer.text };
}

export async function fuzzRoute(world: FuzzWorld, files: HostileFiles, spec: RouteSpec): Promise<void> {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(planFor(spec, world, files), async (plan) => {
      const { status, problems, url } = await sendAndCheck(world, files, spec, plan);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (problems.length) throw new Error(`${spec.method} ${url.slice(0, 300)} → ${status}\n- ${problems.join('\n- ')}`);
    }),
    runsFor(routeKey(spec), spec.scale ?? 1),
  );
  // FUZZ_STATS=1 shows which answers the runs got, to see that the fuzzer also gets past validation.
  if (process.env['FUZZ_STATS']) console.log(routeKey(spec), Object.fromEntries([...statuses].sort(([a], [b]) => a - b)));
}
