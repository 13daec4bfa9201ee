import axe from 'axe-core';
import { expect } from 'vitest';

/**
 * Runs axe-core over the jsdom document. jsdom does no layout, so colour contrast is left to the
 * browser run (headless Chromium); every other WCAG 2.0/2.1 A/AA rule applies here.
 */
export async function expectNoAxeViolations(context: Element | Document = document): Promise<void> {
  const result = await axe.run(context as Element, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  const summary = result.violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary).toEqual([]);
}
