import { h } from './dom';

/** Commune boundaries as /api/reference/communes.geojson serves them (property code: the commune's statistics code). */
export interface GeoJson {
  features: { properties: { code: string; name?: string }; geometry: { type: string; coordinates: unknown } }[];
}

type Ring = [number, number][];

export interface CommuneShape {
  code: string;
  d: string;
}

/**
 * Projects commune boundaries (lon/lat) onto an SVG box of `width`: equirectangular, x scaled by cos of the
 * middle latitude so shapes keep their proportions at Nghệ An's latitude (about 19°N). No map library.
 */
export function project(geo: GeoJson, width = 600): { shapes: CommuneShape[]; width: number; height: number } {
  const polygons = geo.features.map((f) => ({
    code: f.properties.code,
    rings: (f.geometry.type === 'Polygon'
      ? (f.geometry.coordinates as Ring[])
      : (f.geometry.coordinates as Ring[][]).flat()) as Ring[],
  }));
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  for (const p of polygons)
    for (const ring of p.rings)
      for (const [x, y] of ring) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = width / ((maxX - minX) * k || 1);
  const height = Math.ceil((maxY - minY) * scale);
  const shapes = polygons.map((p) => ({
    code: p.code,
    d: p.rings
      .map(
        (ring) =>
          'M' +
          ring.map(([x, y]) => `${((x - minX) * k * scale).toFixed(1)},${((maxY - y) * scale).toFixed(1)}`).join('L') +
          'Z',
      )
      .join(''),
  }));
  return { shapes, width, height };
}

/** Satisfaction bands of the map legend (percent, lower bound inclusive), light to dark. */
export const BANDS = [
  { from: 0, colour: '#f1eef6' },
  { from: 0.7, colour: '#bdc9e1' },
  { from: 0.8, colour: '#74a9cf' },
  { from: 0.85, colour: '#2b8cbe' },
  { from: 0.9, colour: '#045a8d' },
] as const;

export function band(estimate: number): number {
  let i = 0;
  for (let b = 0; b < BANDS.length; b++) if (estimate >= BANDS[b].from) i = b;
  return i;
}

/** What the map shows of a commune: its estimate (null: no data, hatched) and the text of its tooltip. */
export interface CommuneValue {
  estimate: number | null;
  title: string;
}

/**
 * The communes shaded by satisfaction band, communes without data hatched (pattern #nodata), each with a tooltip;
 * an SVG image labelled by the elements `labelledBy` names.
 */
export function choropleth(doc: Document, shapes: { shapes: CommuneShape[]; width: number; height: number }, value: (code: string) => CommuneValue, labelledBy: string): SVGSVGElement {
  const el = (tag: string, attrs: Record<string, string>, ...kids: (Element | string)[]) => {
    const e = doc.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    for (const k of kids) e.append(k);
    return e;
  };
  return el(
    'svg',
    { viewBox: `0 0 ${shapes.width} ${shapes.height}`, role: 'img', 'aria-labelledby': labelledBy, class: 'map' },
    el(
      'defs',
      {},
      el(
        'pattern',
        { id: 'nodata', width: '6', height: '6', patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
        el('rect', { width: '6', height: '6', fill: '#fff' }),
        el('line', { x1: '0', y1: '0', x2: '0', y2: '6', stroke: '#8a94a0', 'stroke-width': '2' }),
      ),
    ),
    ...shapes.shapes.map((s) => {
      const v = value(s.code);
      const fill = v.estimate == null ? 'url(#nodata)' : BANDS[band(v.estimate)].colour;
      return el('path', { d: s.d, fill, stroke: '#4a5360', 'stroke-width': '0.5', 'data-code': s.code }, el('title', {}, v.title));
    }),
  ) as SVGSVGElement;
}

/** The map's legend in words: each band's range, and the hatching of communes without data. */
export function mapLegend(pct: (value: number) => string, noData: string): HTMLElement {
  const bandText = (i: number) => {
    const from = pct(BANDS[i].from).replace(/[.,]00/, '');
    const to = i + 1 < BANDS.length ? pct(BANDS[i + 1].from).replace(/[.,]00/, '') : '100%';
    return `${from} – ${to}`;
  };
  return h(
    'ul',
    { class: 'legend' },
    BANDS.map((b, i) => h('li', null, swatch(b.colour), bandText(i))),
    h('li', null, h('span', { class: 'swatch nodata', 'aria-hidden': 'true' }), noData),
  );
}

/**
 * A legend swatch. Its colour is set through CSSOM, not a style attribute: the Content-Security-Policy
 * (style-src 'self') refuses inline style attributes.
 */
function swatch(colour: string): HTMLElement {
  const el = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  el.style.background = colour;
  return el;
}
