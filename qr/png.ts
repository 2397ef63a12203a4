// A PNG of a symbol, for places that want a bitmap (office documents, e-mail). qrcode draws it from
// the same text, version and mask, so it is module for module the symbol on the sticker.
import QRCode from 'qrcode';
import { ERROR_CORRECTION, QUIET_ZONE, type QrSymbol } from './symbol.ts';

export function symbolPng(symbol: QrSymbol, pixelsPerModule = 10): Promise<Buffer> {
  return QRCode.toBuffer([{ data: symbol.text, mode: 'alphanumeric' }], {
    type: 'png',
    errorCorrectionLevel: ERROR_CORRECTION,
    version: symbol.version,
    maskPattern: symbol.mask as QRCode.QRCodeMaskPattern,
    margin: QUIET_ZONE,
    scale: pixelsPerModule,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
}
