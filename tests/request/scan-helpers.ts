// Domain helpers for the Müllmelder tests: a bin of the demo data, pressing its buttons as a given
// client, and counting what was written.
import type { Db } from '../../db/connection.ts';
import type { App } from '../../server/app.ts';

/** What @hono/node-server hands the app: the socket tells the client address. */
export const fromClient = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

export async function demoBin(db: Db, where: { ownDepartment?: boolean } = {}) {
  let q = db.selectFrom('bins').selectAll().where('active', '=', 1);
  q = where.ownDepartment ? q.where('department_id', 'is not', null) : q.where('department_id', 'is', null);
  return q.orderBy('id').executeTakeFirstOrThrow();
}

export function pressBin(app: App, code: string, reason: string, options: { client?: string; text?: string; website?: string; lang?: string } = {}) {
  const body = new URLSearchParams({ reason, ...(options.text !== undefined ? { text: options.text } : {}), website: options.website ?? '' });
  const path = `/B/${code}${options.lang ? `?lang=${options.lang}` : ''}`;
  return app.request(path, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, fromClient(options.client ?? '203.0.113.7'));
}

export async function countWrites(db: Db) {
  const reports = await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const events = await db.selectFrom('report_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { reports: Number(reports.n), events: Number(events.n) };
}

export function binTasks(db: Db, binId: number) {
  return db.selectFrom('reports').selectAll().where('bin_id', '=', binId).orderBy('id').execute();
}
