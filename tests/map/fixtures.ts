// Reports in any state, age and visibility, for the tests of what the public map, list and exports show.
import type { AppContext } from '../../server/context.ts';
import { createReport } from '../helpers.ts';

const DAY = 86_400_000;

export interface ReportFixture {
  category?: string;
  district?: string;
  state?: string;
  createdDaysAgo?: number;
  /** For closed states: how long ago it was closed (default: 1 day). */
  closedDaysAgo?: number;
  hidden?: boolean;
  description?: string;
  published?: boolean;
  address?: string;
  /** The typed address words are public (staff published them, or the category does at once). */
  addressPublished?: boolean;
  /** Exact position instead of the district's label point. */
  at?: { lat: number; lon: number };
}

const CLOSED = new Set(['done', 'rejected', 'not_responsible', 'duplicate', 'no_action']);

/** Files a report the normal way (routing, district), then sets state and times directly. */
export async function addReport(ctx: AppContext, f: ReportFixture = {}): Promise<number> {
  const report = await createReport(ctx, { category: f.category, district: f.district, description: f.description ?? null, address: f.address ?? null });
  const now = ctx.clock.now().getTime();
  const state = f.state ?? 'new';
  await ctx.db
    .updateTable('reports')
    .set({
      state,
      created_at: new Date(now - (f.createdDaysAgo ?? 0) * DAY).toISOString(),
      closed_at: CLOSED.has(state) ? new Date(now - (f.closedDaysAgo ?? 1) * DAY).toISOString() : null,
      hidden: f.hidden ? 1 : 0,
      description_published: f.published ? 1 : 0,
      address_published: f.addressPublished ? 1 : 0,
      ...(f.at ?? {}),
    })
    .where('id', '=', report.id)
    .execute();
  return report.id;
}

export interface Collection {
  type: string;
  limit?: number;
  truncated?: boolean;
  features: Array<{ type: string; geometry: { type: string; coordinates: [number, number] }; properties: Record<string, unknown> }>;
}

/** Mainz and a good margin around it. */
export const CITY_BBOX = '8.0,49.8,8.5,50.2';
