import type { Lang } from '../../shared/i18n';
import type { Place } from './api';
import type { DashState, Step } from './state';
import type { DashKey } from './strings';

/** Names of what the dashboard shows: places from the reference lists, sections and items from the questionnaire. */
export function labels(s: DashState, getLang: () => Lang, t: (key: DashKey) => string) {
  function placeName(map: Map<string, Place>, code: string): string {
    const p = map.get(code);
    if (!p) return code;
    return getLang() === 'en' ? p.nameEn || p.name || p.nameVi || code : p.nameVi || p.fullName || p.name || code;
  }

  function groupName(type: string, code: string): string {
    const parts = code.split('/');
    if (type === 'province') return t('province');
    if (type === 'area') return placeName(s.names.areas, code);
    if (type === 'agency') return placeName(s.names.agencies, code);
    if (type === 'unit') return placeName(s.names.units, code);
    if (type === 'area-agency') return placeName(s.names.agencies, parts[1]);
    return placeName(s.names.units, parts[2]);
  }

  function sectionName(code: string): string {
    const x = s.questionnaires.get(s.family)?.sections.find((q) => q.code === code);
    return x ? (getLang() === 'en' && x.title.en) || x.title.vi : code;
  }

  function itemName(code: string): string {
    for (const section of s.questionnaires.get(s.family)?.sections ?? []) {
      const i = section.items.find((x) => x.code === code);
      if (i) return `${code}. ${(getLang() === 'en' && i.text.en) || i.text.vi}`;
    }
    return code;
  }

  function stepName(step: Step): string {
    if (step.kind === 'section') return sectionName(step.section);
    if (step.kind === 'sections') return `${t('levelSection')}: ${groupName(step.type, step.code)}`;
    return groupName(step.type, step.code);
  }

  return { placeName, groupName, sectionName, itemName, stepName };
}

export type Labels = ReturnType<typeof labels>;
