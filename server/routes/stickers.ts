// QR codes and sticker sheets for bins (filled in by the sticker work of issue 3).
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';

export function stickerRoutes(_ctx: AppContext) {
  const app = new Hono<AppEnv>();
  return app;
}
