import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Citizen pages are held to WCAG 2.2 AA as well (citizens issue): target sizes of at least 24 × 24 px among others. */
export const CITIZEN_WCAG_TAGS = [...WCAG_TAGS, 'wcag22aa'];

/** Every page outside the back office (/intern) is a citizen page; so is a test's own content (about:blank). */
const isCitizenPage = (url: string) => !/^https?:\/\/[^/]+\/intern(\/|$|\?)/.test(url);

/**
 * axe-core's violations as short lines, so that a failing test says what and where; `include` limits
 * the check to one part of the page.
 *
 * Legacy mode runs axe once in the page itself instead of in every frame and then again in a new blank
 * page to merge the frames' results: the same rules and results, about a third less time per check,
 * and there are several hundred checks in the suite. What it gives up is testing cross-origin frames, so
 * a page with any frame is refused here rather than checked only in part (none of ours has one).
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const frames = page.frames().length - 1;
  if (frames > 0) throw new Error(`${page.url()} has ${frames} frame(s): axeViolations checks pages without frames only`);
  let builder = new AxeBuilder({ page }).withTags(isCitizenPage(page.url()) ? CITIZEN_WCAG_TAGS : WCAG_TAGS).setLegacyMode(true);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} – ${n.failureSummary ?? v.help}`));
}
