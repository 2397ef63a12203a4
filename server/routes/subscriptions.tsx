// The links in subscription mails. GET shows a page and never changes anything (mail scanners open
// every link); the buttons POST and answer 303 with a result page. A mail client's RFC 8058 one-click
// removal POSTs straight to /entfernen and gets the result page itself, since it follows no redirects.
import { Hono, type Context } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';
import { readForm } from '../form.ts';
import { confirmByToken, removeByToken, subscriptionByToken } from '../subscriptions.ts';
import { pageFor } from '../views/page.ts';
import { SubscriptionDonePage, SubscriptionPage } from '../views/subscription.tsx';

export function subscriptionRoutes(ctx: AppContext) {
  const app = new Hono<AppEnv>();

  async function showSubscription(c: Context<AppEnv>, removeOnly: boolean) {
    // The URL carries the private token: no browser or shared proxy may keep the page.
    c.header('Cache-Control', 'no-store');
    const token = c.req.param('token') ?? '';
    const row = await subscriptionByToken(ctx, token);
    const data = { token, reportId: row.report_id, confirmed: row.confirmed_at !== null, removeOnly };
    return c.html(<SubscriptionPage page={pageFor(c)} data={data} />);
  }

  // The result pages come first: their paths would otherwise be read as tokens.
  app.get('/abo/bestaetigt', (c) => c.html(<SubscriptionDonePage page={pageFor(c)} outcome="confirmed" />));
  app.get('/abo/entfernt', (c) => c.html(<SubscriptionDonePage page={pageFor(c)} outcome="removed" />));

  app.get('/abo/:token', (c) => showSubscription(c, false));
  app.get('/abo/:token/entfernen', (c) => showSubscription(c, true));

  app.post('/abo/:token/bestaetigen', async (c) => {
    await confirmByToken(ctx, c.req.param('token'));
    return c.redirect(pageFor(c).href('/abo/bestaetigt'), 303);
  });

  app.post('/abo/:token/entfernen', async (c) => {
    // The button sends nothing; a mail client sends "List-Unsubscribe=One-Click" (RFC 8058).
    const form = await readForm(c, 1024);
    await removeByToken(ctx, c.req.param('token'));
    if (form['List-Unsubscribe'] === 'One-Click') return c.html(<SubscriptionDonePage page={pageFor(c)} outcome="removed" />);
    return c.redirect(pageFor(c).href('/abo/entfernt'), 303);
  });

  return app;
}
