// The page behind the QR sticker. It must arrive in one round trip on a weak connection: no
// script, no images, no fonts, and nothing it does not need.
import { formatBinCode } from '../../qr/codes.ts';
import { BIN_REASONS, isBinReason, OTHER_TEXT_MAX, reasonLabel, type BinReason } from '../../domain/bin-reasons.ts';
import { ago, whenPast, whichDay } from '../../domain/time-words.ts';
import { Layout } from './layout.tsx';
import type { Page } from './page.ts';

export interface ScanBin {
  code: string;
  description: string;
  district: string | null;
}

export interface ScanData {
  bin: ScanBin;
  tasks: Array<{ binReason: string | null; count: number; createdAt: string }>;
  lastEmptiedAt: string | null;
  nextEmptyingAt: string | null;
  now: Date;
  error?: string;
  otherText?: string;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function statusLines(page: Page, data: ScanData): string[] {
  const { t, lang } = page;
  const lines = data.tasks
    .filter((task): task is typeof task & { binReason: BinReason } => isBinReason(task.binReason))
    .map((task) => {
      const params = { reason: { key: reasonLabel[task.binReason] }, when: whenPast(new Date(task.createdAt), data.now, lang, t), count: task.count };
      return t(task.count > 1 ? 'scan.reportedMany' : 'scan.reportedOne', params);
    });
  if (data.lastEmptiedAt && data.now.getTime() - Date.parse(data.lastEmptiedAt) < 24 * 3600_000) {
    lines.push(capitalize(t('scan.emptied', { ago: ago(new Date(data.lastEmptiedAt), data.now, lang, t) })));
  }
  if (data.nextEmptyingAt && Date.parse(data.nextEmptyingAt) > data.now.getTime()) {
    lines.push(t('scan.nextEmptying', { day: whichDay(new Date(data.nextEmptyingAt), data.now, lang, t) }));
  }
  return lines;
}

/** A field people do not see and bots fill in. */
export function Honeypot({ page, id }: { page: Page; id: string }) {
  return (
    <div class="hp" aria-hidden="true">
      <label for={id}>{page.t('scan.honeypot')}</label>
      <input id={id} name="website" type="text" tabindex={-1} autocomplete="off" />
    </div>
  );
}

export function BinHeading({ page, bin }: { page: Page; bin: ScanBin }) {
  const { t } = page;
  return (
    <p class="eyebrow">
      {t('scan.title', { code: formatBinCode(bin.code) })}
      {bin.district ? ` · ${t('scan.district', { district: bin.district })}` : ''}
    </p>
  );
}

export function ScanPage({ page, data }: { page: Page; data: ScanData }) {
  const { t } = page;
  const action = page.href(`/B/${data.bin.code}`);
  const lines = statusLines(page, data);
  return (
    <Layout page={page} title={t('scan.title', { code: formatBinCode(data.bin.code) })} inlineCss reportAction={false}>
      <BinHeading page={page} bin={data.bin} />
      {/* The city's description of the place is German: marked so for screen readers, and isolated
          from a right-to-left page so its punctuation and numbers stay where they belong. */}
      <h1 lang={page.lang === 'de' ? undefined : 'de'} dir={page.dir === 'rtl' ? 'auto' : undefined}>
        {data.bin.description}
      </h1>
      {lines.length ? (
        <ul class="status" aria-label={t('scan.statusTitle')}>
          {lines.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      ) : null}
      {data.error ? (
        <p class="error" role="alert" id="scan-error">
          {data.error}
        </p>
      ) : null}
      <form method="post" action={action}>
        <h2>{t('scan.question')}</h2>
        <p class="muted">{t('scan.hint')}</p>
        <Honeypot page={page} id="hp1" />
        <div class="reasons">
          {BIN_REASONS.filter((r) => r !== 'other').map((reason) => (
            <button type="submit" name="reason" value={reason} class="reason">
              {t(reasonLabel[reason])}
            </button>
          ))}
        </div>
      </form>
      <form method="post" action={action}>
        <details class="other" open={data.otherText !== undefined}>
          <summary>{t('scan.reason.other')}</summary>
          <label for="other-text">{t('scan.otherText', { max: OTHER_TEXT_MAX })}</label>
          <textarea id="other-text" name="text" rows={3} maxlength={OTHER_TEXT_MAX} aria-describedby={data.error ? 'scan-error' : undefined}>
            {data.otherText ?? ''}
          </textarea>
          <Honeypot page={page} id="hp2" />
          <button type="submit" name="reason" value="other" class="reason">
            {t('scan.otherSubmit')}
          </button>
        </details>
      </form>
      <p>
        <a href={page.href('/melden')}>{t('scan.otherWays')}</a>
      </p>
    </Layout>
  );
}
