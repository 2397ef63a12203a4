// Shortcuts for the administration's request tests: an admin client that posts forms with the CSRF
// token, and reading what a page says.
import type { App } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { createTestApp } from '../helpers.ts';
import { asStaff } from '../staff-helpers.ts';

export type Fields = Record<string, string | string[] | File>;

export function formOf(fields: Fields): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  }
  return form;
}

export type StaffClient = Awaited<ReturnType<typeof asStaff>> & {
  /** A form POST with the session's CSRF token (unless `csrf: false`). */
  post(path: string, fields?: Fields, options?: { csrf?: boolean }): Promise<Response>;
};

export async function client(app: App, ctx: AppContext, options: Parameters<typeof asStaff>[2] = { role: 'admin' }): Promise<StaffClient> {
  const c = await asStaff(app, ctx, options);
  return {
    ...c,
    async post(path, fields = {}, { csrf = true } = {}) {
      return c.request(path, { method: 'POST', body: formOf(csrf ? { csrf: c.csrfToken, ...fields } : fields) });
    },
  };
}

export async function adminApp() {
  const { app, ctx } = await createTestApp();
  const admin = await client(app, ctx, { role: 'admin', login: 'anna-admin', name: 'Anna Admin' });
  return { app, ctx, admin };
}

/** The text of the page without tags, whitespace collapsed, for "the page says …" checks. */
export async function textOf(res: Response): Promise<string> {
  const html = await res.text();
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The success message after a 303: the redirect's target must carry one. */
export function flashOf(res: Response): string | null {
  const location = res.headers.get('Location') ?? '';
  return new URL(location, 'http://x').searchParams.get('ok');
}
