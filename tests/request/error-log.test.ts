// The log of an unhandled error (hardening issue, defect 7): private-link tokens in the path never
// reach it, as in the request log.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers.ts';

describe('the unhandled-error log line', () => {
  it.each(['/status/geheimes-token-4711', '/abo/geheimes-token-4711', '/abo/geheimes-token-4711/entfernen'])('masks the token of %s', async (path) => {
    const logLines: string[] = [];
    const { app, ctx } = await createTestApp({ logLines });
    // A closed database makes every query fail: the route crashes with a 500.
    await ctx.db.destroy();
    const res = await app.request(path);
    expect(res.status).toBe(500);
    const errors = logLines.filter((line) => line.includes('unhandled error'));
    expect(errors).toHaveLength(1);
    expect(logLines.join('\n')).not.toContain('geheimes-token-4711');
    expect(JSON.parse(errors[0]!).path).toMatch(/^\/(status|abo)\/…/);
  });
});
