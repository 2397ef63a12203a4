// Counts how often code builds an ICU formatter: `new Intl.DateTimeFormat(...)` and its kin, and the
// toLocale*String/localeCompare calls with an options argument (V8 keeps a formatter only for calls
// without options; with options it builds a new one each time), and `new RegExp(...)` (a literal is
// compiled once per call site; a constructed one on each call). Each DateTimeFormat holds native
// memory that only a full garbage collection frees, so building one per request grew the server's
// RSS by gigabytes (docs/decisions/028-intl-formatters-once.md). Tests wrap the globals while they
// count and put the originals back afterwards.

const INTL_CONSTRUCTORS = ['DateTimeFormat', 'NumberFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat', 'ListFormat', 'DisplayNames', 'Segmenter'] as const;

/** Methods that build a formatter when given options (index of the options argument). */
const LOCALE_METHODS: [object, string, string, number][] = [
  [Date.prototype, 'Date', 'toLocaleString', 1],
  [Date.prototype, 'Date', 'toLocaleDateString', 1],
  [Date.prototype, 'Date', 'toLocaleTimeString', 1],
  [Number.prototype, 'Number', 'toLocaleString', 1],
  [BigInt.prototype, 'BigInt', 'toLocaleString', 1],
  [String.prototype, 'String', 'localeCompare', 2],
];

export interface FormatterBuildCounter {
  /** What was built since the counter started or was last reset, e.g. `{ 'new Intl.DateTimeFormat': 12 }`. */
  counts(): Record<string, number>;
  reset(): void;
  /** Puts the original globals back. */
  restore(): void;
}

export function countFormatterBuilds(): FormatterBuildCounter {
  const counts = new Map<string, number>();
  const bump = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1);
  const intl = Intl as unknown as Record<string, unknown>;
  const undo: (() => void)[] = [];

  for (const name of INTL_CONSTRUCTORS) {
    const original = intl[name] as ((...args: unknown[]) => unknown) | undefined;
    if (!original) continue;
    intl[name] = new Proxy(original, {
      construct(target, args, newTarget) {
        bump(`new Intl.${name}`);
        return Reflect.construct(target, args, newTarget === intl[name] ? target : newTarget);
      },
      apply(target, self, args) {
        bump(`Intl.${name}()`);
        return Reflect.apply(target, self, args);
      },
    });
    undo.push(() => (intl[name] = original));
  }

  for (const [proto, owner, method, optionsAt] of LOCALE_METHODS) {
    const target = proto as Record<string, (...args: unknown[]) => unknown>;
    const original = target[method]!;
    target[method] = function (this: unknown, ...args: unknown[]) {
      if (args[optionsAt] !== undefined) bump(`${owner}.${method} with options`);
      return original.apply(this, args);
    };
    undo.push(() => (target[method] = original));
  }

  const OriginalRegExp = globalThis.RegExp;
  globalThis.RegExp = new Proxy(OriginalRegExp, {
    construct(target, args, newTarget) {
      bump('new RegExp');
      return Reflect.construct(target, args, newTarget === globalThis.RegExp ? target : newTarget);
    },
    apply(target, self, args) {
      bump('RegExp()');
      return Reflect.apply(target, self, args);
    },
  });
  undo.push(() => (globalThis.RegExp = OriginalRegExp));

  return {
    counts: () => Object.fromEntries(counts),
    reset: () => counts.clear(),
    restore: () => undo.reverse().forEach((f) => f()),
  };
}
