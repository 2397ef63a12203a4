// The public map and list show open reports and those closed in the last weeks. Open ones are few and
// found by state (reports_open_due); for the closed ones no index held the closing time behind the
// state, so SQLite read every closed report ever filed and checked its date: with 100,000 reports the
// whole-city map took p95 190 ms and the list 145 ms (issue 10, defect 12). Led by closed_at, the
// closed part is one range of recent closing times. Not (state, closed_at): led by the state, SQLite
// took it for the queue's open states too, instead of reports_open_due, which also gives its order.
// tests/request/query-plans.test.ts and tests/staff-queue/desk.test.ts hold both plans.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('reports_closed_recently').on('reports').columns(['closed_at', 'state']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('reports_closed_recently').execute();
}
