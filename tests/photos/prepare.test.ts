// preparePhotos with real sharp on real image bytes: what is accepted, what it becomes, and what is
// refused with which message.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../domain/errors.ts';
import { translator } from '../../server/i18n/index.ts';
import { isPhotoError, PHOTO_LIMITS, photoWorkStats, preparePhotos } from '../../server/photos.ts';
import { bilevelPng, file, jpegMarkers, jpegOrientation6, jpegWithGps, needlePng, plain, readGps, texture, withEverything, XMP_AUTHOR } from './images.ts';

async function refusal(files: File[]) {
  const err: unknown = await preparePhotos(files).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof UserError)) throw new Error(`expected a UserError, got ${String(err)}`);
  expect(isPhotoError(err)).toBe(true);
  return { status: err.status, key: err.key, de: translator('de')(err.key, err.params), en: translator('en')(err.key, err.params) };
}

/** Everything that could carry personal data is gone, checked in the bytes and through sharp. */
async function expectNoMetadata(jpeg: Buffer) {
  const meta = await sharp(jpeg).metadata();
  expect(meta.format).toBe('jpeg');
  expect(meta.exif).toBeUndefined();
  expect(meta.icc).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  expect(meta.orientation).toBeUndefined();
  // Only JFIF (APP0) may precede the image data: no APP1 (EXIF, XMP), APP2 (ICC), APP13 (IPTC), comments.
  expect(jpegMarkers(jpeg).filter((m) => (m >= 0xe1 && m <= 0xef) || m === 0xfe)).toEqual([]);
  for (const text of ['Exif', 'TestCam', 'Mustermann', XMP_AUTHOR, 'ICC_PROFILE', 'http://ns.adobe.com']) {
    expect(jpeg.includes(Buffer.from(text, 'latin1')), text).toBe(false);
  }
}

describe('preparePhotos: accepted photos are re-encoded without metadata', () => {
  it('strips GPS, camera, ICC and XMP from a phone-like JPEG', async () => {
    const input = await jpegWithGps();
    // The input really carries all of it.
    const before = await sharp(input).metadata();
    expect(readGps(before.exif!)).toEqual({ latitudeRef: 'N', latitude: [50, 0, 0], longitudeRef: 'E', longitude: [8, 16, 0] });
    expect(before.exif!.includes(Buffer.from('TestCam'))).toBe(true);
    expect(before.icc).toBeDefined();
    expect(before.xmpAsString).toContain(XMP_AUTHOR);

    const [photo] = await preparePhotos([file(input, 'IMG_0001.jpg')]);
    expect(photo).toMatchObject({ width: 640, height: 480, mime: 'image/jpeg' });
    expect(photo!.bytes).toBe(photo!.buffer.length);
    await expectNoMetadata(photo!.buffer);
  });

  it.each([
    ['png', 'image/png'],
    ['webp', 'image/webp'],
  ] as const)('accepts %s (with metadata) and stores JPEG', async (format, type) => {
    const input = await withEverything(texture(320, 240)[format]()).toBuffer();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const [photo] = await preparePhotos([file(input, `bild.${format}`, type)]);
    expect(photo).toMatchObject({ width: 320, height: 240, mime: 'image/jpeg' });
    await expectNoMetadata(photo!.buffer);
  });

  it('decides by content, not by name or declared type', async () => {
    const png = await plain(40, 30).png().toBuffer();
    const [photo] = await preparePhotos([file(png, 'scan.pdf', 'application/pdf')]);
    expect((await sharp(photo!.buffer).metadata()).format).toBe('jpeg');
  });

  it.each([
    [4000, 3000, 2000, 1500],
    [3000, 4000, 1500, 2000],
    [2500, 800, 2000, 640],
  ])('limits %ix%i to a longest edge of 2000 (%ix%i)', async (width, height, w, h) => {
    const input = await plain(width, height).jpeg().toBuffer();
    const [photo] = await preparePhotos([file(input, 'gross.jpg')]);
    expect(photo).toMatchObject({ width: w, height: h });
    expect(await sharp(photo!.buffer).metadata()).toMatchObject({ width: w, height: h });
  });

  it('does not enlarge a small photo', async () => {
    const [photo] = await preparePhotos([file(await plain(300, 200).png().toBuffer(), 'klein.png', 'image/png')]);
    expect(photo).toMatchObject({ width: 300, height: 200 });
  });

  it('applies EXIF orientation 6 and drops the tag', async () => {
    const input = await jpegOrientation6(300, 200);
    expect(await sharp(input).metadata()).toMatchObject({ orientation: 6, width: 300, height: 200 });
    const [photo] = await preparePhotos([file(input, 'hochkant.jpg')]);
    expect(photo).toMatchObject({ width: 200, height: 300 });
    const meta = await sharp(photo!.buffer).metadata();
    expect(meta).toMatchObject({ width: 200, height: 300 });
    expect(meta.orientation).toBeUndefined();
  });

  it('puts transparent parts on white, not black', async () => {
    const input = await sharp({ create: { width: 20, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const [photo] = await preparePhotos([file(input, 'leer.png', 'image/png')]);
    const { data } = await sharp(photo!.buffer).raw().toBuffer({ resolveWithObject: true });
    expect(Math.min(...data)).toBeGreaterThan(245);
  });

  it('ignores empty file fields and keeps the order of the others', async () => {
    const empty = new File([], '', { type: 'application/octet-stream' });
    expect(await preparePhotos([empty, empty, empty, empty])).toEqual([]);
    const photos = await preparePhotos([empty, file(await plain(30, 10).png().toBuffer(), 'a.png'), empty, file(await plain(10, 30).jpeg().toBuffer(), 'b.jpg')]);
    expect(photos.map((p) => [p.width, p.height])).toEqual([
      [30, 10],
      [10, 30],
    ]);
  });

  it('accepts exactly the pixel limit', async () => {
    // 8000 x 5000 = 40,000,000 pixels; written as a 1-bit PNG so that the test stays cheap.
    const [photo] = await preparePhotos([file(bilevelPng(8000, 5000), 'genau.png', 'image/png')]);
    expect(photo).toMatchObject({ width: 2000, height: 1250 });
  });
});

describe('preparePhotos: refusals name the file, in German and English', () => {
  it('refuses a text file named .jpg', async () => {
    const r = await refusal([file(Buffer.from('Hallo, ich bin kein Bild.\n'), 'foto.jpg')]);
    expect(r).toEqual({
      status: 422,
      key: 'photo.notImage',
      de: '„foto.jpg“ ist kein Bild in JPEG, PNG oder WebP.',
      en: '“foto.jpg” is not a JPEG, PNG or WebP image.',
    });
  });

  it('refuses a truncated JPEG', async () => {
    const whole = await texture(640, 480).jpeg().toBuffer();
    const r = await refusal([file(whole.subarray(0, whole.length >> 1), 'halb.jpg')]);
    expect(r).toEqual({
      status: 422,
      key: 'photo.unreadable',
      de: '„halb.jpg“ lässt sich nicht lesen – die Datei ist beschädigt oder unvollständig.',
      en: '“halb.jpg” cannot be read – the file is damaged or incomplete.',
    });
  });

  it.each([
    ['gif', 'animation.gif'],
    ['tiff', 'scan.tiff'],
    ['avif', 'foto.heic'],
  ] as const)('refuses %s, which sharp can decode but is not allowed', async (format, name) => {
    const input = await plain(32, 32)[format]().toBuffer();
    expect((await sharp(input).metadata()).format).toBe(format === 'avif' ? 'heif' : format); // sharp could read it
    const r = await refusal([file(input, name, 'image/jpeg')]);
    expect(r.key).toBe('photo.notImage');
    expect(r.de).toBe(`„${name}“ ist kein Bild in JPEG, PNG oder WebP.`);
    expect(r.en).toBe(`“${name}” is not a JPEG, PNG or WebP image.`);
  });

  it('refuses an SVG without handing it to a decoder', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expect((await sharp(svg).metadata()).format).toBe('svg');
    expect((await refusal([file(svg, 'zeichnung.svg', 'image/svg+xml')])).key).toBe('photo.notImage');
  });

  it('refuses more than three photos before reading any', async () => {
    const png = await plain(10, 10).png().toBuffer();
    const r = await refusal([file(png, '1.png'), file(png, '2.png'), file(png, '3.png'), file(Buffer.from('kein Bild'), '4.png')]);
    expect(r).toEqual({
      status: 422,
      key: 'photo.tooMany',
      de: 'Bitte wählen Sie höchstens 3 Fotos aus (es waren 4).',
      en: 'Please choose at most 3 photos (you chose 4).',
    });
  });

  it('refuses a file over 10 MB by its size, before decoding', async () => {
    const big = file(randomBytes(PHOTO_LIMITS.maxBytes + 1), 'riesig.jpg');
    // The bytes are not an image either: the size answer shows that nothing was decoded.
    const r = await refusal([file(await plain(10, 10).png().toBuffer(), 'ok.png'), big]);
    expect(r).toEqual({
      status: 413,
      key: 'photo.tooLarge',
      de: '„riesig.jpg“ ist zu groß: höchstens 10 MB pro Foto.',
      en: '“riesig.jpg” is too large: at most 10 MB per photo.',
    });
  });

  it('accepts a file of exactly 10 MB as far as size goes', async () => {
    const r = await refusal([file(randomBytes(PHOTO_LIMITS.maxBytes), 'rauschen.jpg')]);
    expect(r.key).toBe('photo.notImage');
  });

  it('refuses a decompression bomb by its header', async () => {
    const bomb = bilevelPng(20_000, 20_000);
    expect(bomb.length).toBeLessThan(200_000); // 400 million pixels in a small file
    const started = performance.now();
    const r = await refusal([file(bomb, 'bombe.png', 'image/png')]);
    expect(r).toEqual({
      status: 413,
      key: 'photo.tooManyPixels',
      de: '„bombe.png“ hat zu viele Bildpunkte: höchstens 40 Megapixel. Bitte verkleinern Sie das Foto oder nehmen Sie es mit geringerer Auflösung auf.',
      en: '“bombe.png” has too many pixels: at most 40 megapixels. Please make the photo smaller or take it at a lower resolution.',
    });
    expect(performance.now() - started).toBeLessThan(5_000);
    // The same header in front of data that is not even zlib: the answer comes from the header alone.
    expect((await refusal([file(bilevelPng(20_000, 20_000, { garbageData: true }), 'bombe2.png')])).key).toBe('photo.tooManyPixels');
    // One pixel row over the limit is enough.
    expect((await refusal([file(bilevelPng(8000, 5001, { garbageData: true }), 'knapp.png')])).key).toBe('photo.tooManyPixels');
  });

  it('refuses 40,000,000 x 1 pixels (within the pixel limit) by its header, without decoding', async () => {
    const needle = needlePng();
    expect(needle.length).toBeLessThan(100);
    const decodesBefore = photoWorkStats().decodes;
    const r = await refusal([file(needle, 'nadel.png', 'image/png')]);
    expect(r).toEqual({
      status: 422,
      key: 'photo.badDimensions',
      de: '„nadel.png“ hat ungewöhnliche Maße (40.000.000 × 1 Bildpunkte): höchstens 12.000 Bildpunkte an einer Seite und ein Seitenverhältnis bis 10 : 1.',
      en: '“nadel.png” has unusual dimensions (40,000,000 × 1 pixels): at most 12,000 pixels on a side and an aspect ratio up to 10 : 1.',
    });
    expect(photoWorkStats().decodes).toBe(decodesBefore);
  });

  it.each([
    [12_001, 1_000, 'an edge over 12,000 pixels'],
    [1_000, 12_001, 'a tall edge over 12,000 pixels'],
    [5_000, 400, 'an aspect ratio over 10 : 1'],
    [400, 5_000, 'a tall aspect ratio over 10 : 1'],
  ])('refuses %i x %i (%s) by its header, without decoding', async (width, height) => {
    const decodesBefore = photoWorkStats().decodes;
    expect((await refusal([file(bilevelPng(width, height, { garbageData: true }), 'streifen.png')])).key).toBe('photo.badDimensions');
    expect(photoWorkStats().decodes).toBe(decodesBefore);
  });

  it('accepts a panorama of exactly 10 : 1', async () => {
    const [photo] = await preparePhotos([file(await plain(3000, 300).png().toBuffer(), 'panorama.png', 'image/png')]);
    expect(photo).toMatchObject({ width: 2000, height: 200 });
  });

  it('checks every header before it decodes any photo', async () => {
    const decodesBefore = photoWorkStats().decodes;
    const good = await plain(64, 48).jpeg().toBuffer();
    const r = await refusal([file(good, 'gut.jpg'), file(needlePng(), 'nadel.png')]);
    expect(r.key).toBe('photo.badDimensions');
    expect(photoWorkStats().decodes).toBe(decodesBefore);
  });

  it('refuses the whole set for one bad photo', async () => {
    const good = await plain(10, 10).png().toBuffer();
    const r = await refusal([file(good, 'gut.png'), file(Buffer.from('GIF89a nonsense'), 'schlecht.gif')]);
    expect(r.de).toBe('„schlecht.gif“ ist kein Bild in JPEG, PNG oder WebP.');
  });

  it('shows a cleaned, short file name', async () => {
    const text = Buffer.from('kein Bild');
    expect((await refusal([file(text, 'C:\\Users\\Erika\\Bilder\\urlaub\u202Egpj.exe')])).de).toBe('„urlaubgpj.exe“ ist kein Bild in JPEG, PNG oder WebP.');
    const long = `${'x'.repeat(100)}.jpg`;
    expect((await refusal([file(text, long)])).de).toBe(`„${'x'.repeat(59)}…“ ist kein Bild in JPEG, PNG oder WebP.`);
    expect((await refusal([file(text, '')])).de).toBe('„Foto ohne Dateinamen“ ist kein Bild in JPEG, PNG oder WebP.');
    expect((await refusal([file(text, '')])).en).toBe('“photo without a file name” is not a JPEG, PNG or WebP image.');
  });
});
