// /intern/verwaltung/api-schluessel: keys for Open311 integrators. Creating one answers with a page
// that shows the key this once (not a redirect: the key is nowhere stored to show it again); the
// response is no-store like every staff page. Revoking is a POST and a 303.
import { Hono, type Context } from 'hono';
import { findApiKeyById, listApiKeys, revokeApiKey } from '../../../db/admin-api-keys.ts';
import { createApiKey } from '../../api-keys.ts';
import type { AppContext, AppEnv } from '../../context.ts';
import { UserError } from '../../../domain/errors.ts';
import { pageFor } from '../../views/page.ts';
import { ApiKeyCreatedPage, ApiKeyListPage } from '../../views/staff/admin/api-keys.tsx';
import { flashFrom, formBody, idParam, redirectWithFlash, textOf, type Problems } from './form.ts';

const BASE = '/intern/verwaltung/api-schluessel';
const NAME_MAX = 100;

export function apiKeyAdminRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  const renderList = async (c: Context<AppEnv>, name: string, problems: Problems) => {
    const session = c.get('staffSession')!;
    const keys = await listApiKeys(ctx.db);
    return c.html(<ApiKeyListPage page={pageFor(c)} user={session.user} csrfToken={session.csrfToken} keys={keys} name={name} problems={problems} flash={flashFrom(c)} />, Object.keys(problems).length ? 422 : 200);
  };

  app.get(BASE, (c) => renderList(c, '', {}));

  app.post(BASE, async (c) => {
    const name = textOf(await formBody(c), 'name');
    if (!name) return renderList(c, name, { name: { key: 'staff.admin.apiKeys.nameMissing' } });
    if (name.length > NAME_MAX) return renderList(c, name, { name: { key: 'staff.admin.tooLong', params: { max: NAME_MAX } } });
    const session = c.get('staffSession')!;
    const created = await createApiKey(ctx.db, { name, createdBy: session.user.id, now: ctx.clock.now().toISOString() });
    // The log names the key by its prefix only.
    ctx.logger.info('api key created', { key: created.id, prefix: created.prefix, by: session.user.id });
    return c.html(<ApiKeyCreatedPage page={pageFor(c)} user={session.user} csrfToken={session.csrfToken} name={name} apiKey={created.key} />, 201);
  });

  app.post(`${BASE}/:id{[0-9]+}/widerrufen`, async (c) => {
    const key = await findApiKeyById(ctx.db, idParam(c));
    if (!key) throw new UserError(404, 'error.notFound');
    await revokeApiKey(ctx.db, key.id, ctx.clock.now().toISOString());
    ctx.logger.info('api key revoked', { key: key.id, prefix: key.prefix, by: c.get('staffSession')!.user.id });
    return redirectWithFlash(c, BASE, 'revoked');
  });

  return app;
}
