// Shared set-up of the department-mail tests: an app with a real SMTP server behind its mailer.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.ts';
import { createMailer } from '../../server/mailer.ts';
import { createTestContext, departmentId } from '../helpers.ts';
import { startSmtpServer } from '../mail/smtp.ts';

export const BASE = 'https://melder.mainz.de';
export const FROM = 'Stadtmelder Mainz <noreply@melder.mainz.de>';

export async function mailSetup(options: { smtpUrl?: string } = {}) {
  const smtp = await startSmtpServer();
  const logLines: string[] = [];
  const ctx = await createTestContext({ logLines, config: { publicBaseUrl: BASE }, mailer: createMailer(options.smtpUrl ?? smtp.url, FROM) });
  // The demo reports count as told, so that each test sees only its own reports.
  await ctx.db.updateTable('reports').set({ department_notified_at: ctx.clock.now().toISOString() }).execute();
  return { smtp, ctx, app: createApp(ctx), logLines, logs: () => logLines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export async function setNotifyMode(ctx: Awaited<ReturnType<typeof mailSetup>>['ctx'], slug: string, mode: 'immediate' | 'digest' | 'off', email?: string | null) {
  const id = await departmentId(ctx.db, slug);
  await ctx.db.updateTable('departments').set({ notify_mode: mode, ...(email !== undefined ? { email } : {}) }).where('id', '=', id).execute();
  return id;
}

/** A TCP server that accepts connections and never answers: an SMTP server that hangs. */
export async function startSilentServer() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    connections: () => sockets.size,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
