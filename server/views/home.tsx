import type { Category } from '../../db/schema.ts';
import { Layout } from './layout.tsx';
import { groupByLabel } from './report-choose.tsx';
import type { Page } from './page.ts';
import { catalogueText } from '../i18n/catalogue.ts';

export interface HomeData {
  categories: Category[];
  binCount: number;
  districtCount: number;
  approximateGeometry: boolean;
}

/** A category leads where it is reported: a defect to its form, a bin reason to the code entry (bins are reported by their code). */
const categoryHref = (page: Page, c: Category) => page.href(c.kind === 'bin' ? '/code' : `/melden/${c.slug}`);

export function HomePage({ page, data }: { page: Page; data: HomeData }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('home.title')}>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <p class="home-action">
        <a class="button button-large" href={page.href('/melden')}>
          {t('home.reportAction')}
        </a>
        <span class="muted">{t('home.reportActionHint')}</span>
      </p>
      <p class="notice notice-danger">{t('home.emergency')}</p>

      <section aria-labelledby="ways">
        <h2 id="ways">{t('home.waysTitle')}</h2>
        <ul class="cards">
          <li class="card">
            <h3>{t('home.wayBin.title')}</h3>
            <p>{t('home.wayBin.text')}</p>
            <p class="muted">{t('home.stats', { bins: data.binCount, districts: data.districtCount })}</p>
            <p>
              <a href={page.href('/code')}>{t('home.codeLink')}</a>
            </p>
          </li>
          <li class="card">
            <h3>{t('home.wayDefect.title')}</h3>
            <p>{t('home.wayDefect.text')}</p>
            <p>
              <a href={page.href('/melden')}>{t('home.reportAction')}</a>
            </p>
          </li>
          <li class="card">
            <h3>{t('home.wayFollow.title')}</h3>
            <p>{t('home.wayFollow.text')}</p>
            <p>
              <a href={page.href('/karte')}>{t('home.mapLink')}</a>
            </p>
          </li>
        </ul>
      </section>

      <section aria-labelledby="categories">
        <h2 id="categories">{t('home.categoriesTitle')}</h2>
        <div class="groups">
          {groupByLabel(page, data.categories).map(([label, items]) => (
            <div class="group">
              <h3>{label}</h3>
              <ul class="choose-list">
                {items.map((c) => (
                  <li>
                    <a href={categoryHref(page, c)} class="choose-link">
                      <strong>{catalogueText(page.lang, c.name_de, c.name_en)}</strong>
                      <span class="help">
                        {catalogueText(page.lang, c.help_de, c.help_en)}
                        {c.kind === 'bin' ? ` – ${t('home.binCategory')}` : ''}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>

      {data.approximateGeometry ? <p class="notice">{t('demo.geometry')}</p> : null}
    </Layout>
  );
}
