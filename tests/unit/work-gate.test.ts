// The semaphore in front of photo decoding, with work the test holds and lets go of itself.
import { describe, expect, it } from 'vitest';
import { GateFullError, WorkGate } from '../../server/work-gate.ts';

function held() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { done, release };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WorkGate', () => {
  it('runs at most `concurrency` at once, the rest in order of arrival, and refuses beyond the line', async () => {
    const gate = new WorkGate(2, 3);
    const order: number[] = [];
    const works = Array.from({ length: 5 }, () => held());
    const runs = works.map((w, i) =>
      gate.run(async () => {
        order.push(i);
        await w.done;
        return i;
      }),
    );
    await tick();
    expect(gate.stats()).toMatchObject({ active: 2, queued: 3 });
    expect(order).toEqual([0, 1]);
    await expect(gate.run(async () => 'too many')).rejects.toBeInstanceOf(GateFullError);
    expect(gate.stats().refused).toBe(1);

    works[1]!.release();
    await tick();
    expect(order).toEqual([0, 1, 2]);
    expect(gate.stats()).toMatchObject({ active: 2, queued: 2 });
    for (const w of works) w.release();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(gate.stats()).toEqual({ active: 0, queued: 0, peak: 2, started: 5, refused: 1 });
  });

  it('frees the slot when the work fails', async () => {
    const gate = new WorkGate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    expect(await gate.run(async () => 'next')).toBe('next');
    expect(gate.stats()).toMatchObject({ active: 0, queued: 0, started: 2, refused: 0 });
  });
});
