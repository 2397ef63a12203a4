// The filter form of the map and the list: a plain GET form, so it works without JavaScript and every
// filtered view has an address that can be shared.
import type { Page } from './page.ts';
import { catalogueText } from '../i18n/catalogue.ts';

export interface MapFilterValues {
  /** Category slug. */
  category?: string;
  state?: 'open' | 'closed';
  /** District name. */
  district?: string;
}

export interface MapFilterChoices {
  categories: Array<{ slug: string; name_de: string; name_en: string }>;
  districts: Array<{ name: string }>;
}

/** `?category=…&state=…` with only the filters that are set, plus `extra` (e.g. the page). */
export function filterQuery(values: MapFilterValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...values, ...extra })) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function hasFilters(values: MapFilterValues): boolean {
  return Boolean(values.category || values.state || values.district);
}

export function MapFilterForm(props: { page: Page; action: string; values: MapFilterValues; choices: MapFilterChoices }) {
  const { page, values, choices } = props;
  const { t } = page;
  // A language chosen by ?lang= has no cookie to live in: the form carries it on.
  const chosenLang = page.href('/') !== '/';
  return (
    <section class="filters" aria-labelledby="filters-title">
      <h2 id="filters-title">{t('map.filters')}</h2>
      <form method="get" action={props.action}>
        {chosenLang ? <input type="hidden" name="lang" value={page.lang} /> : null}
        <div class="filter-fields">
          <p class="field">
            <label for="filter-category">{t('map.category')}</label>
            <select id="filter-category" name="category">
              <option value="">{t('map.allCategories')}</option>
              {choices.categories.map((c) => (
                <option value={c.slug} selected={c.slug === values.category}>
                  {catalogueText(page.lang, c.name_de, c.name_en)}
                </option>
              ))}
            </select>
          </p>
          <p class="field">
            <label for="filter-state">{t('map.state')}</label>
            <select id="filter-state" name="state">
              <option value="">{t('map.allStates')}</option>
              <option value="open" selected={values.state === 'open'}>
                {t('map.stateOpen')}
              </option>
              <option value="closed" selected={values.state === 'closed'}>
                {t('map.stateClosed')}
              </option>
            </select>
          </p>
          <p class="field">
            <label for="filter-district">{t('map.district')}</label>
            <select id="filter-district" name="district">
              <option value="">{t('map.allDistricts')}</option>
              {choices.districts.map((d) => (
                <option value={d.name} selected={d.name === values.district}>
                  {d.name}
                </option>
              ))}
            </select>
          </p>
        </div>
        <p class="filter-actions">
          <button type="submit" class="filter-submit">
            {t('map.apply')}
          </button>
          {hasFilters(values) ? <a href={page.href(props.action)}>{t('map.reset')}</a> : null}
        </p>
      </form>
    </section>
  );
}
