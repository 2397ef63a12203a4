// The keyed "once a day" of presses and "Ich auch": parallel calls do the work once, a failure is
// forgotten, a passed result is done again, and a day later a key counts anew.
import { describe, expect, it } from 'vitest';
import { OncePerDay } from '../../server/once-per-day.ts';

const DAY = 24 * 3600_000;

describe('OncePerDay', () => {
  it('runs the work once for calls that arrive together; the others wait for its result', async () => {
    const once = new OncePerDay<number>();
    let runs = 0;
    let release!: (n: number) => void;
    const work = () => {
      runs++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const calls = [once.run('k', 0, work), once.run('k', 0, work), once.run('k', 0, work)];
    release(42);
    expect(await Promise.all(calls)).toEqual([
      { repeat: false, result: 42 },
      { repeat: true, result: 42 },
      { repeat: true, result: 42 },
    ]);
    expect(runs).toBe(1);
  });

  it('forgets failed work, so that the next call does it; waiting calls do it once between them', async () => {
    const once = new OncePerDay<string>();
    let runs = 0;
    const failing = once.run('k', 0, async () => {
      runs++;
      throw new Error('not stored');
    });
    const waiting = [once.run('k', 0, async () => (runs++, 'second')), once.run('k', 0, async () => (runs++, 'third'))];
    await expect(failing).rejects.toThrow('not stored');
    const results = await Promise.all(waiting);
    expect(results.map((r) => r.repeat).sort()).toEqual([false, true]);
    expect(new Set(results.map((r) => r.result)).size).toBe(1);
    expect(runs).toBe(2);
  });

  it('asks whether a remembered result is still current, and does the work again when it is not', async () => {
    const once = new OncePerDay<number>();
    let n = 0;
    const work = async () => ++n;
    expect(await once.run('k', 0, work)).toEqual({ repeat: false, result: 1 });
    expect(await once.run('k', 1, work, () => true)).toEqual({ repeat: true, result: 1 });
    expect(await once.run('k', 2, work, (r) => r !== 1)).toEqual({ repeat: false, result: 2 });
    expect(await once.run('k', 3, work, (r) => r !== 1)).toEqual({ repeat: true, result: 2 });
  });

  it('counts a key anew after a day, and keeps no more than maxKeys', async () => {
    const once = new OncePerDay<number>(DAY, 3);
    const work = async () => 1;
    await once.run('a', 0, work);
    expect((await once.run('a', DAY - 1, work)).repeat).toBe(true);
    expect((await once.run('a', DAY, work)).repeat).toBe(false);
    for (const key of ['b', 'c', 'd', 'e']) await once.run(key, DAY, work);
    expect(once.size).toBe(3);
  });
});
