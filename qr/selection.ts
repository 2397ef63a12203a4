// Which stickers to print: every active bin, the active bins of one district, or the bins of the codes
// given. The command and the staff endpoint ask the same way and get the same answers; every problem
// with the request is collected (so one try shows all of them) as an i18n message.
import { listBinsWithDistrict, lookupBinCode } from '../db/bins.ts';
import type { Db } from '../db/connection.ts';
import { listActiveDistricts } from '../db/districts.ts';
import type { MessageKey, MessageParams } from '../server/i18n/index.ts';
import { normalizeBinCode } from './codes.ts';
import { findFormat, loadFormats, type StickerFormat } from './formats.ts';
import type { StickerBin } from './sticker-text.ts';

export interface StickerRequest {
  format?: string | undefined;
  district?: string | undefined;
  /** Codes as typed: comma- or space-separated, any case. */
  codes?: string | undefined;
}

export interface Problem {
  key: MessageKey;
  params?: MessageParams;
}

export type StickerSelection =
  | { ok: true; format: StickerFormat; bins: StickerBin[]; /** for file names */ scope: string }
  | { ok: false; problems: Problem[] };

export function splitCodes(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}

/** ASCII file-name part: "Hartenberg-Münchfeld" → "hartenberg-muenchfeld". */
export function slugOf(name: string): string {
  const ascii = name.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
  return ascii.normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'bezirk';
}

async function binsOfCodes(db: Db, typed: string[], districtNames: Map<number, string>, problems: Problem[]): Promise<StickerBin[]> {
  const bins: StickerBin[] = [];
  const seen = new Set<string>();
  for (const input of typed) {
    const code = normalizeBinCode(input);
    if (seen.has(code ?? input)) continue;
    seen.add(code ?? input);
    const found = code ? await lookupBinCode(db, code) : { status: 'unknown' as const };
    if (found.status === 'active') {
      const district = found.bin.district_id === null ? null : (districtNames.get(found.bin.district_id) ?? null);
      bins.push({ code: found.bin.code, description: found.bin.description, district });
    } else if (found.status === 'revoked') problems.push({ key: 'stickers.codeRevoked', params: { code: code!, current: found.currentCode ?? '' } });
    else if (found.status === 'retired') problems.push({ key: 'stickers.binRetired', params: { code: code! } });
    else problems.push({ key: 'stickers.codeUnknown', params: { code: input } });
  }
  return bins;
}

export async function selectStickers(db: Db, request: StickerRequest, formats: StickerFormat[] = loadFormats()): Promise<StickerSelection> {
  const problems: Problem[] = [];
  const formatList = formats.map((f) => f.id).join(', ');
  const format = request.format?.trim() ? findFormat(request.format, formats) : undefined;
  if (!request.format?.trim()) problems.push({ key: 'stickers.formatMissing', params: { formats: formatList } });
  else if (!format) problems.push({ key: 'stickers.formatUnknown', params: { format: request.format.trim(), formats: formatList } });

  const districtName = request.district?.trim();
  const typedCodes = splitCodes(request.codes ?? '');
  if (districtName && typedCodes.length) {
    problems.push({ key: 'stickers.districtAndCodes' });
    return { ok: false, problems };
  }
  const districts = await listActiveDistricts(db);
  let bins: StickerBin[] = [];
  let scope = 'alle';
  if (districtName) {
    const district = districts.find((d) => d.name.toLocaleLowerCase('de') === districtName.toLocaleLowerCase('de'));
    if (!district) problems.push({ key: 'stickers.districtUnknown', params: { district: districtName } });
    else {
      const rows = await listBinsWithDistrict(db, { districtId: district.id });
      bins = rows.map((b) => ({ code: b.code, description: b.description, district: b.district_name }));
      scope = slugOf(district.name);
    }
  } else if (typedCodes.length) {
    bins = await binsOfCodes(db, typedCodes, new Map(districts.map((d) => [d.id, d.name])), problems);
    scope = bins.length === 1 ? bins[0]!.code.toLowerCase() : 'auswahl';
  } else {
    bins = (await listBinsWithDistrict(db)).map((b) => ({ code: b.code, description: b.description, district: b.district_name }));
  }
  if (!problems.length && !bins.length) problems.push({ key: 'stickers.noBins' });
  return problems.length || !format ? { ok: false, problems } : { ok: true, format, bins, scope };
}
