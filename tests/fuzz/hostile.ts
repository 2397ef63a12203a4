// Hostile values and bodies for the fuzz suite: what a careless script, a broken client or an
// attacker sends instead of what our forms send. Everything here is data; tests/fuzz/send.ts turns a
// generated request into bytes and checks/ decides what a proper answer to it is.
import fc from 'fast-check';

/**
 * Markup that would create an element or attribute of its own if a page echoed it unescaped. Each
 * names "fzq" in a tag or attribute name (or starts a script with it), which no page of ours ever
 * does, so tests/fuzz/checks.ts can find an unescaped echo without confusing it with escaped text.
 */
export const HTML_PAYLOADS = [
  '<fzq-a>x</fzq-a>',
  '"><fzq-b>',
  "'><fzq-c>",
  '<img src=x fzqonerror=1>',
  '</textarea><fzq-d>',
  '</script><fzq-e>',
  '</title><fzq-f>',
  '<svg><fzq-g/></svg>',
  '" fzq-h="1',
  "' fzq-i='1",
  '<script>fzq_x()</script>',
  'javascript:fzq_x()',
  '<a href="javascript:fzq_x()">x</a>',
] as const;

/** Numbers as a parser might misread them: NaN, infinities, overflow, other bases, other digits. */
export const NUMBER_TRICKS = [
  'NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '1e-400', '0x32', '0X1F', '0b101', '0o17', '5.00005e1', '5e1',
  '-0', '+50', '50,0', '50.0.0', ' 50 ', '٥٠', '５０', '9'.repeat(400), '9007199254740993', '-1', '0', '00000000001',
  '1.7976931348623157e308', '4.9e-324', '1_000', '.5', '5.', '--1', 'e', '1 2', '0.0000000001', '49.99,8.27',
] as const;

/** Text that has broken parsers, templates, logs and file systems before. */
export const TEXT_TRICKS = [
  '', ' ', '\t\r\n', '\u0000', 'a\u0000b', '\uFFFD', '\uD800', 'x\uDFFFy', '\u202Egnp.exe', '\u200B\u200D', '\u0085\u2028\u2029',
  'null', 'undefined', 'true', '[object Object]', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
  "' OR 1=1 --", '"; DROP TABLE reports; --', '%00', '%s%s%n', '{max}', '{{7*7}}', '${7*7}', '#{7*7}',
  '\r\nSet-Cookie: fzq=1', '../../../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/passwd', 'file:///etc/passwd',
  'http://evil.example/', '//evil.example/x', '\\\\evil.example\\x', '/intern//evil.example', '/intern/../../x',
  'a'.repeat(5000), 'ä'.repeat(3000), '😀'.repeat(1500), 'e\u0301'.repeat(1000), 'Z\u0351\u0352\u0353'.repeat(300),
  ...HTML_PAYLOADS,
] as const;

/** Percent-encoding that is broken or decodes to invalid UTF-8; inserted into a URL or body as is. */
export const BROKEN_ENCODINGS = ['%', '%%', '%zz', '%E0%A4%A', '%C3%28', '%FF', '%C0%AF', '%ED%A0%80', '%F4%90%80%80', '%00', '%2e%2e%2f', '%252e', '+%2B+'] as const;

/**
 * A field value: text (encoded properly by the sender), bytes written into the body as they are, or
 * one of the test file's prepared files by name (so a failing input prints short).
 */
export type FieldValue = string | { bytes: number[] } | { file: string };

export interface FileSpec {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** Bytes that are not UTF-8: lone continuation bytes, overlong forms, surrogates, cut sequences. */
export const INVALID_UTF8: ReadonlyArray<readonly number[]> = [
  [0xff],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0x80, 0x80, 0x80],
  [0x61, 0xe2, 0x82],
  [0x00, 0xfe, 0xfe, 0x00],
];

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TEXT_TRICKS) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBER_TRICKS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HTML_PAYLOADS), fc.string({ maxLength: 8 })).map(([p, s]) => `${s}${p}${s}`) },
);

export const hostileBytes: fc.Arbitrary<{ bytes: number[] }> = fc.oneof(
  fc.constantFrom(...INVALID_UTF8).map((b) => ({ bytes: [...b] })),
  fc.constantFrom(...BROKEN_ENCODINGS).map((s) => ({ bytes: [...Buffer.from(s, 'latin1')] })),
  fc.uint8Array({ maxLength: 48 }).map((b) => ({ bytes: [...b] })),
);

/** A value for a field: usually one of the route's plausible values, otherwise anything hostile. */
export function fieldValue(plausible: readonly string[]): fc.Arbitrary<FieldValue> {
  const choices: Array<fc.WeightedArbitrary<FieldValue>> = [
    { weight: 3, arbitrary: hostileText },
    { weight: 1, arbitrary: hostileBytes },
  ];
  if (plausible.length) choices.unshift({ weight: 5, arbitrary: fc.constantFrom(...plausible) });
  return fc.oneof(...choices);
}

/** Request bodies beyond a form's fields. */
export type BodyKind =
  | { kind: 'urlencoded' }
  | { kind: 'multipart'; boundary: string }
  | { kind: 'raw'; contentType: string | null; bytes: Uint8Array }
  | { kind: 'truncated'; multipart: boolean; keep: number }
  | { kind: 'oversize'; contentType: string; chunked: boolean }
  | { kind: 'lyingLength'; multipart: boolean; declared: 'smaller' | 'larger' | 'garbage' }
  | { kind: 'none' };

export const CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-16',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'multipart/form-data; boundary="unterminated',
  `multipart/form-data; boundary=${'b'.repeat(200)}`,
  'application/json',
  'text/plain',
  'text/html',
  'application/xml',
  'image/svg+xml',
  'application/octet-stream',
  'image/png',
  'x/y; charset="\u00ff"',
  ';;;',
] as const;

/** Raw bodies: random bytes, JSON with wrong types, broken multipart, XML with an entity bomb. */
export const rawBody: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.constantFrom(
    '{"reason":["full"],"lat":NaN,"lon":1e309,"__proto__":{"admin":true}}',
    '[]',
    'null',
    '{"a":'.repeat(2000),
    '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n',
    '--x\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--x--',
    '--x\r\nContent-Disposition: form-data; name="a"; filename="../../x"\r\nContent-Type: text/html\r\n\r\n<fzq-z>\r\n--x--\r\n',
    '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">]><l>&c;</l>',
    'a=1&a=2&a[]=3&a[b]=4&__proto__[x]=1&constructor[prototype][y]=1',
    '&&&===&=&',
    '%',
  ).map((s) => new TextEncoder().encode(s)),
);

export const bodyKind: fc.Arbitrary<BodyKind> = fc.oneof(
  { weight: 5, arbitrary: fc.constant<BodyKind>({ kind: 'urlencoded' }) },
  {
    weight: 5,
    arbitrary: fc
      .oneof(fc.constant('fzqboundary'), fc.stringMatching(/^[0-9A-Za-z'()+_,-.\/:=? ]{1,70}$/))
      .map((boundary): BodyKind => ({ kind: 'multipart', boundary })),
  },
  { weight: 2, arbitrary: fc.record({ contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: null }), bytes: rawBody }).map((r): BodyKind => ({ kind: 'raw', ...r })) },
  { weight: 2, arbitrary: fc.record({ multipart: fc.boolean(), keep: fc.double({ min: 0, max: 1, noNaN: true }) }).map((r): BodyKind => ({ kind: 'truncated', ...r })) },
  { weight: 1, arbitrary: fc.record({ contentType: fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain'), chunked: fc.boolean() }).map((r): BodyKind => ({ kind: 'oversize', ...r })) },
  { weight: 1, arbitrary: fc.record({ multipart: fc.boolean(), declared: fc.constantFrom('smaller' as const, 'larger' as const, 'garbage' as const) }).map((r): BodyKind => ({ kind: 'lyingLength', ...r })) },
  { weight: 1, arbitrary: fc.constant<BodyKind>({ kind: 'none' }) },
);
