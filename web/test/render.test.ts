import { beforeEach, describe, expect, it } from 'vitest';
import type { QuestionnaireItem } from '../src/shared/api';
import { answerText, renderItem } from '../src/survey/render';
import { strings } from '../src/survey/strings';
import { expectNoAxeViolations } from './axe';
import { questionnaire } from './helpers';

const t = strings.vi;
const allItems = questionnaire.sections.flatMap((s) => s.items);

function renderAll(lang: 'vi' | 'en' = 'vi') {
  document.title = 'Phiếu';
  document.body.innerHTML = '<main><h1>Phiếu</h1><form id="f"></form></main>';
  const form = document.getElementById('f') as HTMLFormElement;
  const answers: Record<string, unknown> = {};
  for (const item of allItems)
    form.appendChild(renderItem(item, undefined, undefined, lang, strings[lang], (code, value) => (answers[code] = value)));
  return { form, answers };
}

/** The accessible name source of a form control: a <label for>, a wrapping label, or aria-labelledby. */
function labelOf(el: HTMLElement): string {
  const byFor = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
  const wrapping = el.closest('label');
  const labelledBy = el.getAttribute('aria-labelledby');
  const named = labelledBy
    ? labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
    : '';
  return (byFor?.textContent || wrapping?.textContent || named || el.getAttribute('aria-label') || '').trim();
}

describe('rendering the SIPAS questionnaire', () => {
  beforeEach(() => {
    document.documentElement.lang = 'vi';
  });

  it('has the fixture this test is about: 7 sections, 22 likert items', () => {
    expect(questionnaire.sections).toHaveLength(7);
    expect(allItems.filter((i) => i.scale === 'likert5')).toHaveLength(22);
  });

  it('makes each question a fieldset whose legend is the question', () => {
    const { form } = renderAll();
    const sets = form.querySelectorAll(':scope > fieldset');
    expect(sets).toHaveLength(allItems.length);
    sets.forEach((set, i) => {
      const legend = set.querySelector(':scope > legend');
      expect(legend?.textContent).toBe(allItems[i].text.vi);
    });
  });

  it('gives every input a label', () => {
    const { form } = renderAll();
    const inputs = form.querySelectorAll<HTMLElement>('input, textarea, select');
    expect(inputs.length).toBe(22 * 6 + 3 + 5 + 1);
    inputs.forEach((el) => expect(labelOf(el), el.outerHTML).toMatch(/\S/));
  });

  it('offers the five levels and “Không ý kiến” (0) as real radio buttons', () => {
    const { form } = renderAll();
    const radios = [...form.querySelectorAll<HTMLInputElement>('input[name="q-TC1"]')];
    expect(radios.map((r) => r.type)).toEqual(Array(6).fill('radio'));
    expect(radios.map((r) => r.value)).toEqual(['1', '2', '3', '4', '5', '0']);
    expect(radios.map((r) => labelOf(r).replace(/\s+/g, ' '))).toEqual([
      '1 Rất không hài lòng',
      '2 Không hài lòng',
      '3 Bình thường',
      '4 Hài lòng',
      '5 Rất hài lòng',
      'Không ý kiến',
    ]);
  });

  it('reports answers in the API shape', () => {
    const { form, answers } = renderAll();
    (form.querySelector('#q-TC1-4') as HTMLInputElement).click();
    (form.querySelector('#q-TC2-0') as HTMLInputElement).click();
    (form.querySelector('#q-SEX-nu') as HTMLInputElement).click();
    const comment = form.querySelector('#q-COMMENT') as HTMLTextAreaElement;
    comment.value = 'Tốt';
    comment.dispatchEvent(new Event('input'));
    expect(answers).toEqual({ TC1: 4, TC2: 0, SEX: 'nu', COMMENT: 'Tốt' });
  });

  it('caps free text at 2000 characters', () => {
    const { form } = renderAll();
    expect(form.querySelector('textarea')?.maxLength).toBe(2000);
  });

  it('renders multi-choice as checkboxes and number as a number input', () => {
    const multi: QuestionnaireItem = {
      code: 'CHANNELS',
      scale: 'multi',
      text: { vi: 'Kênh', en: 'Channels' },
      options: [
        { value: 'a', label: { vi: 'Trực tiếp' } },
        { value: 'b', label: { vi: 'Trực tuyến', en: 'Online' } },
      ],
    };
    const age: QuestionnaireItem = { code: 'AGE', scale: 'number', required: true, text: { vi: 'Tuổi' } };
    const got: Record<string, unknown> = {};
    document.body.innerHTML = '<form></form>';
    const form = document.querySelector('form') as HTMLFormElement;
    form.append(
      renderItem(multi, ['b'], undefined, 'en', strings.en, (c, v) => (got[c] = v)),
      renderItem(age, 42, 'Vui lòng trả lời câu này.', 'vi', t, (c, v) => (got[c] = v)),
    );
    const boxes = form.querySelectorAll<HTMLInputElement>('input[type=checkbox]');
    expect([...boxes].map((b) => b.checked)).toEqual([false, true]);
    expect(labelOf(boxes[0])).toBe('Trực tiếp'); // English missing → Vietnamese
    expect(labelOf(boxes[1])).toBe('Online');
    boxes[0].click();
    expect(got.CHANNELS).toEqual(['a', 'b']);
    const n = form.querySelector<HTMLInputElement>('input[type=number]')!;
    expect(n.value).toBe('42');
    expect(labelOf(n)).toContain('Tuổi');
    expect(n.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(n.getAttribute('aria-describedby')!)?.textContent).toBe('Vui lòng trả lời câu này.');
  });

  it('links an error message to its question', () => {
    document.body.innerHTML = '<form></form>';
    const set = renderItem(allItems[0], undefined, 'Vui lòng trả lời câu này.', 'vi', t, () => {});
    document.querySelector('form')!.append(set);
    const err = document.getElementById(set.getAttribute('aria-describedby')!);
    expect(err?.textContent).toBe('Vui lòng trả lời câu này.');
    set.querySelectorAll('input').forEach((i) => expect(i.getAttribute('aria-describedby')).toContain(err!.id));
  });

  it('has no axe-core violations', async () => {
    renderAll();
    await expectNoAxeViolations();
    renderAll('en');
    await expectNoAxeViolations();
  }, 60_000); // axe over both languages took 22 s once with the machine's two cores shared by five builds

  it('shows answers in words on the review step', () => {
    const [tc1] = allItems;
    const sex = allItems.find((i) => i.code === 'SEX')!;
    expect(answerText(tc1, 4, 'vi', t)).toBe('4 · Hài lòng');
    expect(answerText(tc1, 0, 'vi', t)).toBe('Không ý kiến');
    expect(answerText(tc1, undefined, 'vi', t)).toBe('Chưa trả lời');
    expect(answerText(sex, 'nu', 'vi', t)).toBe('Nữ');
    expect(answerText(sex, 'nu', 'en', strings.en)).toBe('Female');
  });
});
