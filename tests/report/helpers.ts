// Domain helpers for the Mängelmelder tests: fill in /melden like a person (a form token, a few
// seconds), post it with fields and photos, and find what was stored.
import sharp from 'sharp';
import type { App } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { fromClient } from '../request/scan-helpers.ts';

export async function formToken(app: App, slug: string): Promise<string> {
  const html = await (await app.request(`/melden/${slug}`)).text();
  const token = /name="t" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no form token on the page');
  return token;
}

export interface PostOptions {
  fields?: Record<string, string>;
  photos?: File[];
  client?: string;
  lang?: string;
  token?: string;
}

/** Posts the form the way a browser does: multipart, after a person took a few seconds. */
export async function postReportForm(app: App, ctx: AppContext & { clock: { advance(ms: number): void } }, slug: string, options: PostOptions = {}) {
  const token = options.token ?? (await formToken(app, slug));
  ctx.clock.advance(5_000);
  const body = new FormData();
  body.set('t', token);
  body.set('website', '');
  for (const [k, v] of Object.entries(options.fields ?? {})) body.set(k, v);
  for (const photo of options.photos ?? []) body.append('fotos', photo);
  const path = `/melden/${slug}${options.lang ? `?lang=${options.lang}` : ''}`;
  return app.request(path, { method: 'POST', body }, fromClient(options.client ?? '198.51.100.20'));
}

export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#884422' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 0/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '8/1 16/1 0/1' } })
    .toBuffer();
}

export const photo = (bytes: Buffer | string, name = 'foto.jpg', type = 'image/jpeg') => new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name, { type });

/** A point in the Altstadt of the demo geometry, written as the map would. */
export const ALTSTADT = { lat: '49.99712', lon: '8.27601' };
