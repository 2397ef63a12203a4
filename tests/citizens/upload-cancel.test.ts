// Citizens issue, point 10: an upload the browser breaks off (the person closes the tab, the train enters
// a tunnel) is the sender's doing. It must be logged as a 4xx and never as an unhandled server error.
// A real server and a raw socket, since only a real connection can break off mid-body.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../browser/server.ts';

describe('an upload cancelled by the browser', () => {
  it('is logged as 400, with no unhandled error, whether it breaks off mid-photo or right after the headers', async () => {
    const logLines: string[] = [];
    const server = await startTestServer({ logLines });
    try {
      const port = Number(new URL(server.url).port);
      const form = await (await fetch(server.url + '/melden/strassenschaden')).text();
      const token = /name="t" value="([^"]+)"/.exec(form)![1];
      server.ctx.clock.advance(10_000);
      const boundary = 'AbortedUpload';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="t"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="fotos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
      for (const body of [head + 'x'.repeat(20_000), '']) {
        const socket = connect(port, '127.0.0.1');
        await new Promise((resolve) => socket.once('connect', resolve));
        socket.write(
          `POST /melden/strassenschaden HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${server.url}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 900000\r\n\r\n${body}`,
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        socket.destroy();
      }
      await expect.poll(() => logLines.filter((l) => l.includes('"method":"POST"')).length, { timeout: 5000 }).toBe(2);
      const posts = logLines.filter((l) => l.includes('"method":"POST"')).map((l) => JSON.parse(l) as { status: number });
      for (const p of posts) expect(p.status).toBeGreaterThanOrEqual(400), expect(p.status).toBeLessThan(500);
      expect(logLines.filter((l) => l.includes('unhandled error'))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
