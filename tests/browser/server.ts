// Serves the app on a free loopback port for Chromium, on a fresh seeded in-memory database.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../server/app.ts';
import type { Config } from '../../server/config.ts';
import type { AppContext, Mailer } from '../../server/context.ts';
import { createTestContext } from '../helpers.ts';

export interface TestServerOptions {
  /** Configuration that depends on the server's own address (e.g. a TILE_URL on it), given its URL. */
  config?: (url: string) => Partial<Config>;
  /** Adds to the app after createApp, e.g. a page that only a test needs. */
  configure?: (app: App, ctx: AppContext) => void;
  /** Outgoing mail, e.g. to a test's SMTP server; none by default. */
  mailer?: Mailer;
  /** Collects the app's log lines (level debug) instead of discarding them. */
  logLines?: string[];
}

export async function startTestServer(options: TestServerOptions = {}) {
  // The app is built once the port is known, so that its configuration may name the server itself.
  let app: App | undefined;
  const server = serve({ fetch: (request, env) => app!.fetch(request, env), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const ctx = await createTestContext({ config: options.config?.(url), mailer: options.mailer, logLines: options.logLines });
  app = createApp(ctx);
  options.configure?.(app, ctx);
  return {
    ctx,
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
