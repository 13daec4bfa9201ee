import { defineStrings } from './i18n';

/** The names of the seven official indicators, the same on the dashboard, the public results page and the report. */
export const indicatorNames = defineStrings(
  {
    TTHC: 'Giải quyết thủ tục hành chính',
    SIPAS: 'Chỉ số SIPAS',
    HEALTH: 'Dịch vụ y tế công',
    EDUCATION: 'Dịch vụ giáo dục công',
    LAND: 'Lĩnh vực đất đai',
    CONSTRUCTION: 'Lĩnh vực xây dựng',
    INVESTMENT: 'Lĩnh vực đầu tư',
  },
  {
    TTHC: 'Administrative procedures',
    SIPAS: 'SIPAS index',
    HEALTH: 'Public health services',
    EDUCATION: 'Public education services',
    LAND: 'Land',
    CONSTRUCTION: 'Construction',
    INVESTMENT: 'Investment',
  },
);
