import type { GeoJson } from './results-api';

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
