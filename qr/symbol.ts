// What a bin's QR code says and how it is encoded. The URL is written in upper case so that the whole
// of it fits QR's alphanumeric mode (5.5 bits a character instead of 8): with error correction level Q
// (25 % of the symbol may be lost: stickers on bins get scratched and dirty) a base URL of up to 30
// characters still gives version 3, 29 x 29 modules, big modules on a small sticker. Schemes and hosts
// are case-insensitive, and the app answers /B/{CODE} in any case.
import QRCode from 'qrcode';
import { applyBestMask } from './mask.ts';

/** Characters of QR's alphanumeric mode (ISO/IEC 18004 table 5). */
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

/** mask.ts writes the format bits of this level; change both together. */
export const ERROR_CORRECTION = 'Q';

/** A QR symbol: `size` x `size` modules, row-major, 1 = dark, without quiet zone. */
export interface QrSymbol {
  text: string;
  size: number;
  version: number;
  mask: number;
  mode: 'Alphanumeric';
  modules: Uint8Array;
}

/** Quiet zone on every side, in modules, as the standard asks. */
export const QUIET_ZONE = 4;

export class QrUrlError extends Error {}

/** The URL a bin's sticker holds: `{PUBLIC_BASE_URL}/B/{CODE}`, all upper case. */
export function binQrUrl(publicBaseUrl: string, code: string): string {
  const url = `${publicBaseUrl.replace(/\/+$/, '')}/B/${code}`.toUpperCase();
  if (!ALPHANUMERIC.test(url)) {
    throw new QrUrlError(`${url} has characters outside QR's alphanumeric set (0-9, A-Z, space, $%*+-./:); choose a PUBLIC_BASE_URL without them`);
  }
  return url;
}

/** What a person types when the camera fails: host and path of the base URL, as the city prints it. */
export function displayAddress(publicBaseUrl: string): string {
  const url = new URL(publicBaseUrl);
  return (url.host + url.pathname).replace(/\/+$/, '');
}

/** Encodes an upper-case URL as one alphanumeric segment at level Q, in the smallest version that fits. */
export function encodeQr(text: string): QrSymbol {
  // Mask 0 skips qrcode's own (slow) mask search; applyBestMask then does that search quickly.
  const qr = QRCode.create([{ data: text, mode: 'alphanumeric' }], { errorCorrectionLevel: ERROR_CORRECTION, maskPattern: 0 });
  const { size, data, reservedBit } = qr.modules;
  const { modules, mask } = applyBestMask(data, reservedBit, size);
  return { text, size, version: qr.version, mask, mode: 'Alphanumeric', modules };
}

/** The QR symbol of a bin's sticker. */
export function binQrSymbol(publicBaseUrl: string, code: string): QrSymbol {
  return encodeQr(binQrUrl(publicBaseUrl, code));
}
