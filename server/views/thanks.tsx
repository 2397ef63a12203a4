// After a press: what happens next. A GET page, so a reload shows it again and records nothing.
import { reasonLabel, type BinReason } from '../../domain/bin-reasons.ts';
import { ago } from '../../domain/time-words.ts';
import { Layout } from './layout.tsx';
import type { Page } from './page.ts';
import { BinHeading, type ScanBin } from './scan.tsx';

export interface ThanksData {
  bin: ScanBin;
  reason: BinReason;
  open: { count: number; department: string; targetHours: number } | null;
  closedAt: string | null;
  /** The same person pressed this reason before today: nothing more was counted. */
  repeat: boolean;
  now: Date;
}

export function ThanksPage({ page, data }: { page: Page; data: ThanksData }) {
  const { t, lang } = page;
  const reason = { key: reasonLabel[data.reason] };
  const next = data.open
    ? data.open.targetHours >= 48
      ? t('thanks.nextDays', { department: data.open.department, days: Math.round(data.open.targetHours / 24) })
      : t('thanks.nextHours', { department: data.open.department, hours: data.open.targetHours })
    : null;
  // The page is a plain GET: opened without a press (a shared or guessed link), nothing is recorded and it must not say so.
  if (!data.open && !data.closedAt) {
    return (
      <Layout page={page} title={t('thanks.nothingTitle')} inlineCss>
        <BinHeading page={page} bin={data.bin} />
        <h1>{t('thanks.nothingTitle')}</h1>
        <p class="lead">{t('thanks.nothing', { reason })}</p>
        <p>
          <a href={page.href(`/B/${data.bin.code}`)}>{t('thanks.toBin')}</a>
        </p>
      </Layout>
    );
  }
  return (
    <Layout page={page} title={t('thanks.title')} inlineCss>
      <BinHeading page={page} bin={data.bin} />
      <h1>{t('thanks.title')}</h1>
      {data.repeat ? (
        <p class="lead">{t('thanks.already', { reason })}</p>
      ) : (
        <>
          <p class="lead">{t('thanks.recorded', { reason })}</p>
          {data.open && data.open.count > 1 ? <p>{t('thanks.count', { count: data.open.count })}</p> : null}
        </>
      )}
      {next ? <p>{next}</p> : null}
      {!data.open && data.closedAt ? <p>{t('thanks.afterEmptying', { ago: ago(new Date(data.closedAt), data.now, lang, t) })}</p> : null}
      <p>{t('thanks.noRepeat')}</p>
      <p>
        <a href={page.href(`/B/${data.bin.code}`)}>{t('thanks.backToBin')}</a>
      </p>
    </Layout>
  );
}
