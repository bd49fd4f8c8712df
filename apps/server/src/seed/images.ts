import sharp, { type OutputInfo } from 'sharp';
import type { Shape } from './catalog-data.js';
import { streamFor } from './random.js';

/**
 * Product pictures for the demo catalog, drawn as SVG and rendered to WebP with sharp: a
 * category-coloured gradient, a simple object (fruit, bottle, box…) and a soft shadow. No text,
 * so nothing depends on the fonts a machine happens to have; no downloads.
 */

const SIZE = 1200;

/** The renditions the catalog serves (CAT-4): square, like the upload job's output. */
export const RENDITIONS = [
  { name: 'thumb', size: 160, quality: 75 },
  { name: 'card', size: 480, quality: 78 },
  { name: 'full', size: 1200, quality: 80 },
] as const;

export type RenditionName = (typeof RENDITIONS)[number]['name'];
export type RenderedImage = Record<RenditionName, { data: Buffer; width: number; height: number }>;

export type ImageSpec = { shape: Shape; hue: number; color: string };

// ---------------------------------------------------------------------------------------------
// Colour helpers

function parseHex(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const n = Number.parseInt(
    h.length === 3
      ? h
          .split('')
          .map((c) => c + c)
          .join('')
      : h,
    16,
  );
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Mix `hex` towards white (t > 0) or black (t < 0). */
function shade(hex: string, t: number): string {
  const target = t > 0 ? 255 : 0;
  const k = Math.abs(t);
  const [r, g, b] = parseHex(hex).map((c) => Math.round(c + (target - c) * k)) as [number, number, number];
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

// ---------------------------------------------------------------------------------------------
// Shapes: each draws one object centred around x = 600, standing on y ≈ 1000.

type Paint = { c: string; light: string; dark: string; darker: string; id: string };

const GREEN = '#43a047';
const LEAF = `<path d="M0 0 C 40 -70 130 -90 190 -60 C 140 10 60 30 0 0 Z" fill="${GREEN}"/>
  <path d="M0 0 C 60 -35 120 -55 190 -60" stroke="${shade(GREEN, -0.35)}" stroke-width="6" fill="none"/>`;

function label(x: number, y: number, w: number, h: number, p: Paint, rx = 18) {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${rx}" fill="#fffdf7"/>
  <rect x="${x + w * 0.12}" y="${y + h * 0.3}" width="${w * 0.76}" height="${h * 0.14}" rx="${h * 0.07}" fill="${p.c}"/>
  <rect x="${x + w * 0.22}" y="${y + h * 0.56}" width="${w * 0.56}" height="${h * 0.09}" rx="${h * 0.045}" fill="${p.light}"/>
  <rect x="${x + w * 0.3}" y="${y + h * 0.72}" width="${w * 0.4}" height="${h * 0.07}" rx="${h * 0.035}" fill="${p.light}"/>`;
}

const gloss = (x: number, y: number, w: number, h: number) =>
  `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${w / 2}" fill="#fff" opacity="0.28"/>`;

const SHAPES: Record<Shape, (p: Paint) => string> = {
  fruit: (p) => `
    <circle cx="600" cy="640" r="300" fill="url(#${p.id}-ball)"/>
    <ellipse cx="500" cy="520" rx="70" ry="110" transform="rotate(35 500 520)" fill="#fff" opacity="0.3"/>
    <path d="M600 350 C 605 300 620 260 650 225" stroke="#6d4c41" stroke-width="22" stroke-linecap="round" fill="none"/>
    <g transform="translate(640 260) rotate(-10)">${LEAF}</g>`,
  veg: (p) => `
    <g transform="rotate(-28 600 640)">
      <path d="M600 1020 C 520 920 440 560 480 420 C 510 330 690 330 720 420 C 760 560 680 920 600 1020 Z" fill="url(#${p.id}-body)"/>
      <path d="M510 520 h70 M530 640 h60 M610 580 h80 M560 760 h60 M620 700 h50" stroke="${p.dark}" stroke-width="12" stroke-linecap="round" opacity="0.5"/>
      <g transform="translate(600 390)">
        <g transform="rotate(-120)">${LEAF}</g><g transform="rotate(-75)">${LEAF}</g><g transform="rotate(-35)">${LEAF}</g>
      </g>
    </g>`,
  greens: (p) => {
    const leaves = [-58, -30, 0, 28, 56]
      .map(
        (a) => `<g transform="rotate(${a} 600 960)">
          <path d="M600 960 C 470 760 470 420 600 300 C 730 420 730 760 600 960 Z" fill="url(#${p.id}-body)"/>
          <path d="M600 930 C 595 700 595 500 600 330" stroke="${p.darker}" stroke-width="10" fill="none" opacity="0.6"/>
        </g>`,
      )
      .join('');
    return `${leaves}<rect x="560" y="900" width="80" height="110" rx="24" fill="${shade('#8d6e63', 0.2)}"/>`;
  },
  bottle: (p) => `
    <path d="M545 190 h110 v120 C 655 360 760 380 760 470 V 960 C 760 995 735 1015 700 1015 H 500 C 465 1015 440 995 440 960 V 470 C 440 380 545 360 545 310 Z" fill="url(#${p.id}-body)"/>
    <rect x="530" y="150" width="140" height="90" rx="18" fill="${p.darker}"/>
    ${label(460, 560, 280, 300, p)}
    ${gloss(470, 420, 34, 520)}`,
  carton: (p) => `
    <path d="M440 400 L 540 250 L 740 250 L 840 400 Z" fill="${p.light}"/>
    <path d="M740 250 L 840 400 L 840 1000 L 740 1010 Z" fill="${p.dark}"/>
    <rect x="440" y="400" width="300" height="610" fill="url(#${p.id}-body)"/>
    <path d="M440 400 L 540 250 L 740 250 L 740 400 Z" fill="${shade(p.c, 0.55)}"/>
    <rect x="560" y="215" width="60" height="40" fill="${p.darker}"/>
    ${label(465, 520, 250, 330, p, 14)}`,
  box: (p) => `
    <path d="M780 250 L 860 300 L 860 1000 L 780 1010 Z" fill="${p.darker}"/>
    <path d="M420 250 L 500 200 L 860 200 L 860 300 L 780 250 Z" fill="${p.light}"/>
    <rect x="420" y="250" width="360" height="760" rx="12" fill="url(#${p.id}-body)"/>
    <circle cx="600" cy="560" r="120" fill="#fffdf7"/>
    <circle cx="600" cy="560" r="72" fill="${p.light}"/>
    ${label(460, 730, 280, 220, p, 14)}`,
  bag: (p) => {
    const zig = (x0: number, x1: number, y: number, dir: number) => {
      const step = (x1 - x0) / 8;
      let d = '';
      for (let i = 0; i < 8; i++)
        d += ` L ${x0 + step * (i + 0.5)} ${y + dir * 24} L ${x0 + step * (i + 1)} ${y}`;
      return d;
    };
    return `
    <path d="M430 230 ${zig(430, 770, 230, -1)} C 800 420 800 820 770 1000 ${zig(770, 430, 1000, 1)} C 400 820 400 420 430 230 Z" fill="url(#${p.id}-body)"/>
    <ellipse cx="600" cy="620" rx="150" ry="190" fill="#fffdf7"/>
    <ellipse cx="600" cy="600" rx="90" ry="90" fill="${p.light}"/>
    <rect x="510" y="720" width="180" height="26" rx="13" fill="${p.c}"/>
    ${gloss(470, 300, 30, 600)}`;
  },
  jar: (p) => `
    <rect x="450" y="310" width="300" height="110" rx="22" fill="${p.darker}"/>
    <rect x="450" y="395" width="300" height="25" fill="${shade(p.darker, -0.2)}"/>
    <rect x="420" y="420" width="360" height="590" rx="70" fill="url(#${p.id}-body)"/>
    ${label(440, 560, 320, 300, p)}
    ${gloss(445, 460, 34, 480)}`,
  can: (p) => `
    <rect x="430" y="380" width="340" height="620" fill="url(#${p.id}-body)"/>
    <ellipse cx="600" cy="1000" rx="170" ry="38" fill="${p.darker}"/>
    <ellipse cx="600" cy="380" rx="170" ry="38" fill="#cfd8dc"/>
    <ellipse cx="600" cy="380" rx="140" ry="27" fill="#b0bec5"/>
    <rect x="430" y="560" width="340" height="100" fill="#fffdf7"/>
    <rect x="430" y="690" width="340" height="26" fill="${p.light}"/>
    <circle cx="600" cy="840" r="80" fill="${p.light}" opacity="0.8"/>
    ${gloss(462, 430, 30, 520)}`,
  loaf: (p) => `
    <path d="M300 980 V 640 C 300 420 420 360 600 360 C 780 360 900 420 900 640 V 980 C 900 1000 880 1010 860 1010 H 340 C 320 1010 300 1000 300 980 Z" fill="url(#${p.id}-body)"/>
    <path d="M420 520 l 70 -90 M560 500 l 70 -90 M700 520 l 60 -80" stroke="${shade(p.c, 0.45)}" stroke-width="26" stroke-linecap="round"/>
    <ellipse cx="470" cy="480" rx="90" ry="40" fill="#fff" opacity="0.18"/>`,
  eggs: (p) => `
    <path d="M320 820 H 880 L 840 1010 H 360 Z" fill="#b0bec5"/>
    <path d="M320 820 H 880 V 860 H 320 Z" fill="#cfd8dc"/>
    ${[440, 600, 760]
      .map(
        (x, i) => `<ellipse cx="${x}" cy="${690 - (i % 2) * 60}" rx="120" ry="160" fill="url(#${p.id}-ball)"/>
        <ellipse cx="${x - 40}" cy="${620 - (i % 2) * 60}" rx="30" ry="55" fill="#fff" opacity="0.5"/>`,
      )
      .join('')}`,
  wedge: (p) => `
    <path d="M320 620 L 860 420 L 880 600 Z" fill="${p.light}"/>
    <path d="M320 620 L 880 600 L 880 960 L 320 990 Z" fill="url(#${p.id}-body)"/>
    <path d="M860 420 L 880 600 L 880 960 L 860 800 Z" fill="${p.dark}"/>
    ${[
      [440, 760, 40],
      [580, 860, 55],
      [720, 720, 45],
      [800, 880, 30],
      [400, 900, 26],
    ]
      .map(([x, y, r]) => `<circle cx="${x}" cy="${y}" r="${r}" fill="${p.dark}" opacity="0.7"/>`)
      .join('')}`,
  tub: (p) => `
    <path d="M380 440 H 820 L 770 1000 H 430 Z" fill="url(#${p.id}-body)"/>
    <ellipse cx="600" cy="440" rx="230" ry="56" fill="${p.darker}"/>
    <ellipse cx="600" cy="430" rx="230" ry="56" fill="${p.light}"/>
    <path d="M405 600 H 795 L 782 760 H 418 Z" fill="#fffdf7"/>
    <circle cx="600" cy="680" r="48" fill="${p.c}"/>
    ${gloss(440, 500, 28, 440)}`,
  tube: (p) => `
    <g transform="rotate(-18 600 620)">
      <path d="M420 260 H 780 L 760 300 C 740 520 690 800 670 900 H 530 C 510 800 460 520 440 300 Z" fill="url(#${p.id}-body)"/>
      <rect x="410" y="230" width="380" height="50" rx="8" fill="${p.light}"/>
      <rect x="540" y="890" width="120" height="120" rx="20" fill="${p.darker}"/>
      ${label(480, 420, 240, 260, p)}
    </g>`,
  pack: (p) => `
    <rect x="330" y="300" width="540" height="710" rx="90" fill="url(#${p.id}-body)"/>
    <rect x="500" y="330" width="200" height="60" rx="30" fill="${p.darker}" opacity="0.6"/>
    <circle cx="600" cy="640" r="170" fill="#fffdf7"/>
    <circle cx="560" cy="620" r="18" fill="${p.darker}"/>
    <circle cx="640" cy="620" r="18" fill="${p.darker}"/>
    <path d="M545 680 Q 600 730 655 680" stroke="${p.darker}" stroke-width="14" fill="none" stroke-linecap="round"/>
    <rect x="420" y="870" width="360" height="40" rx="20" fill="${p.light}"/>`,
  bar: (p) => `
    <g transform="rotate(-14 600 640)">
      <rect x="300" y="470" width="600" height="330" rx="30" fill="url(#${p.id}-body)"/>
      ${[0, 1, 2, 3]
        .map((i) =>
          [0, 1]
            .map(
              (j) =>
                `<rect x="${330 + i * 140}" y="${500 + j * 140}" width="120" height="120" rx="16" fill="${p.light}" opacity="0.45"/>`,
            )
            .join(''),
        )
        .join('')}
      <path d="M560 450 H 920 V 820 H 620 Z" fill="#fffdf7"/>
      <rect x="660" y="560" width="200" height="36" rx="18" fill="${p.c}"/>
      <rect x="690" y="630" width="140" height="24" rx="12" fill="${p.light}"/>
    </g>`,
  roll: (p) =>
    [
      [450, 640],
      [750, 640],
      [600, 330],
    ]
      .map(
        ([x, y]) => `
      <rect x="${x! - 150}" y="${y}" width="300" height="360" fill="url(#${p.id}-body)"/>
      <ellipse cx="${x}" cy="${y! + 360}" rx="150" ry="36" fill="${p.dark}"/>
      <ellipse cx="${x}" cy="${y}" rx="150" ry="36" fill="#fafafa"/>
      <ellipse cx="${x}" cy="${y}" rx="44" ry="12" fill="#bdbdbd"/>
      <rect x="${x! - 150}" y="${y! + 150}" width="300" height="50" fill="${p.light}"/>`,
      )
      .join(''),
  device: (p) => `
    <rect x="420" y="250" width="360" height="740" rx="60" fill="url(#${p.id}-body)"/>
    <rect x="450" y="280" width="300" height="680" rx="40" fill="${p.dark}" opacity="0.35"/>
    ${[0, 1, 2, 3].map((i) => `<circle cx="${540 + i * 40}" cy="880" r="12" fill="${i < 3 ? '#69f0ae' : '#607d8b'}"/>`).join('')}
    <rect x="560" y="230" width="80" height="26" rx="8" fill="${p.darker}"/>
    <circle cx="600" cy="560" r="90" fill="none" stroke="#fff" stroke-width="18" opacity="0.8"/>
    <path d="M610 490 L 560 575 H 620 L 590 640" stroke="#fff" stroke-width="18" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`,
  cable: (p) => `
    <circle cx="600" cy="640" r="250" fill="none" stroke="${p.dark}" stroke-width="34"/>
    <circle cx="600" cy="640" r="190" fill="none" stroke="${p.c}" stroke-width="34"/>
    <circle cx="600" cy="640" r="130" fill="none" stroke="${p.light}" stroke-width="34"/>
    <path d="M850 640 C 880 760 900 850 880 940" stroke="${p.c}" stroke-width="34" fill="none" stroke-linecap="round"/>
    <rect x="830" y="900" width="100" height="110" rx="18" fill="#90a4ae"/>
    <rect x="852" y="1000" width="56" height="40" rx="6" fill="#cfd8dc"/>
    <rect x="330" y="260" width="140" height="220" rx="30" fill="#eceff1" stroke="${p.darker}" stroke-width="8"/>
    <rect x="370" y="330" width="60" height="24" rx="6" fill="${p.darker}"/>`,
  headphones: (p) => `
    <path d="M360 700 V 560 C 360 360 460 260 600 260 C 740 260 840 360 840 560 V 700" stroke="${p.darker}" stroke-width="52" fill="none" stroke-linecap="round"/>
    <rect x="300" y="620" width="170" height="320" rx="70" fill="url(#${p.id}-body)"/>
    <rect x="730" y="620" width="170" height="320" rx="70" fill="url(#${p.id}-body)"/>
    <rect x="440" y="660" width="60" height="240" rx="26" fill="${p.darker}"/>
    <rect x="700" y="660" width="60" height="240" rx="26" fill="${p.darker}"/>`,
  battery: (p) =>
    [
      [470, -8],
      [730, 8],
    ]
      .map(
        ([x, a]) => `<g transform="rotate(${a} ${x} 640)">
        <rect x="${x! - 27}" y="250" width="54" height="50" rx="10" fill="#b0bec5"/>
        <rect x="${x! - 110}" y="290" width="220" height="720" rx="36" fill="#37474f"/>
        <rect x="${x! - 110}" y="290" width="220" height="300" rx="36" fill="url(#${p.id}-body)"/>
        <rect x="${x! - 110}" y="540" width="220" height="50" fill="url(#${p.id}-body)"/>
        <rect x="${x! - 14}" y="370" width="28" height="120" rx="6" fill="#fff"/>
        <rect x="${x! - 60}" y="416" width="120" height="28" rx="6" fill="#fff"/>
        ${gloss(x! - 90, 330, 24, 620)}
      </g>`,
      )
      .join(''),
  pan: (p) => `
    <g transform="rotate(-12 600 640)">
      <rect x="780" y="610" width="340" height="64" rx="32" fill="${p.darker}"/>
      <circle cx="520" cy="640" r="320" fill="url(#${p.id}-body)"/>
      <circle cx="520" cy="640" r="262" fill="${p.darker}"/>
      <circle cx="520" cy="640" r="250" fill="${shade(p.darker, 0.12)}"/>
      <ellipse cx="430" cy="540" rx="120" ry="60" transform="rotate(-30 430 540)" fill="#fff" opacity="0.08"/>
    </g>`,
  mug: (p) => `
    <path d="M560 260 C 520 200 600 170 560 110 M660 260 C 620 200 700 170 660 110" stroke="#fff" stroke-width="18" fill="none" stroke-linecap="round" opacity="0.8"/>
    <circle cx="800" cy="620" r="130" fill="none" stroke="${p.dark}" stroke-width="50"/>
    <rect x="380" y="320" width="420" height="660" rx="60" fill="url(#${p.id}-body)"/>
    <ellipse cx="590" cy="330" rx="210" ry="40" fill="${p.darker}"/>
    <rect x="380" y="560" width="420" height="60" fill="${p.light}" opacity="0.7"/>
    ${gloss(420, 380, 32, 520)}`,
};

/** The backdrop shared by a top-level category's pictures: a gradient with soft light spots. */
export function backgroundSvg(hue: number): string {
  const rng = streamFor('background', hue);
  const spots = Array.from({ length: 4 }, () => {
    const r = rng.int(60, 220);
    return `<circle cx="${rng.int(0, SIZE)}" cy="${rng.int(0, SIZE)}" r="${r}" fill="#fff" opacity="${(0.12 + rng.next() * 0.18).toFixed(2)}"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},75%,95%)"/>
      <stop offset="1" stop-color="hsl(${hue},55%,80%)"/>
    </linearGradient>
  </defs>
  <rect width="${SIZE}" height="${SIZE}" fill="url(#bg)"/>
  ${spots}
</svg>`;
}

/** The object and its soft shadow, on a transparent canvas (laid over the backdrop). */
export function objectSvg(spec: Pick<ImageSpec, 'shape' | 'color'>): string {
  const id = 'p';
  const c = spec.color;
  const paint: Paint = { c, light: shade(c, 0.35), dark: shade(c, -0.25), darker: shade(c, -0.45), id };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <defs>
    <radialGradient id="shadow">
      <stop offset="0" stop-color="#000" stop-opacity="0.32"/>
      <stop offset="1" stop-color="#000" stop-opacity="0"/>
    </radialGradient>
    <linearGradient id="${id}-body" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="${paint.light}"/>
      <stop offset="0.45" stop-color="${c}"/>
      <stop offset="1" stop-color="${paint.dark}"/>
    </linearGradient>
    <radialGradient id="${id}-ball" cx="0.38" cy="0.35" r="0.75">
      <stop offset="0" stop-color="${paint.light}"/>
      <stop offset="0.55" stop-color="${c}"/>
      <stop offset="1" stop-color="${paint.darker}"/>
    </radialGradient>
  </defs>
  <ellipse cx="600" cy="1015" rx="360" ry="60" fill="url(#shadow)"/>
  ${SHAPES[spec.shape](paint)}
</svg>`;
}

/** A wide banner for a top-level category: its leaves' objects in a row. */
export function bannerSvg(hue: number, items: { shape: Shape; color: string }[]): string {
  const w = 1200;
  const hgt = 400;
  const drawn = items.slice(0, 4).map((item, i) => {
    const c = item.color;
    const paint: Paint = {
      c,
      light: shade(c, 0.35),
      dark: shade(c, -0.25),
      darker: shade(c, -0.45),
      id: `b${i}`,
    };
    const x = 1200 - 260 * (items.length > 3 ? 4 - i : 3 - i) - 40;
    return {
      defs: `<linearGradient id="b${i}-body" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="${paint.light}"/><stop offset="0.45" stop-color="${c}"/><stop offset="1" stop-color="${paint.dark}"/></linearGradient>
      <radialGradient id="b${i}-ball" cx="0.38" cy="0.35" r="0.75"><stop offset="0" stop-color="${paint.light}"/><stop offset="0.55" stop-color="${c}"/><stop offset="1" stop-color="${paint.darker}"/></radialGradient>`,
      body: `<ellipse cx="${x + 140}" cy="316" rx="105" ry="16" fill="url(#shadow)"/>
      <g transform="translate(${x} 30) scale(0.28) translate(-100 0)">${SHAPES[item.shape](paint)}</g>`,
    };
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${hgt}" viewBox="0 0 ${w} ${hgt}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="hsl(${hue},70%,88%)"/>
      <stop offset="1" stop-color="hsl(${hue},60%,72%)"/>
    </linearGradient>
    <radialGradient id="shadow"><stop offset="0" stop-color="#000" stop-opacity="0.3"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>
    ${drawn.map((d) => d.defs).join('')}
  </defs>
  <rect width="${w}" height="${hgt}" fill="url(#bg)"/>
  <circle cx="160" cy="80" r="180" fill="#fff" opacity="0.25"/>
  <circle cx="330" cy="360" r="120" fill="#fff" opacity="0.18"/>
  ${drawn.map((d) => d.body).join('')}
</svg>`;
}

type Raw = { data: Buffer; info: OutputInfo };

/**
 * Renders pictures in the three renditions. The backdrop of each hue is rasterised once and the
 * object laid over it; the full-size raster is then encoded and downscaled (cheaper than
 * rasterising the SVG three times). Effort 0 WebP: a third of the encoding time, same look here.
 */
export function createPictureRenderer() {
  const backgrounds = new Map<number, Promise<Raw>>();
  const background = (hue: number) => {
    let bg = backgrounds.get(hue);
    if (!bg) {
      bg = sharp(Buffer.from(backgroundSvg(hue)))
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      backgrounds.set(hue, bg);
    }
    return bg;
  };
  return async (spec: ImageSpec): Promise<RenderedImage> => {
    const bg = await background(spec.hue);
    const full = await sharp(bg.data, { raw: bg.info })
      .composite([{ input: Buffer.from(objectSvg(spec)) }])
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    // The thumbnail is shrunk from the card, not from the full raster: a smaller input, same result.
    const card = await sharp(full.data, { raw: full.info })
      .resize(480, 480)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const sources: Record<RenditionName, { raw: Raw; size?: number }> = {
      full: { raw: full },
      card: { raw: card },
      thumb: { raw: card, size: 160 },
    };
    const out = {} as RenderedImage;
    await Promise.all(
      RENDITIONS.map(async (r) => {
        const src = sources[r.name];
        let img = sharp(src.raw.data, { raw: src.raw.info });
        if (src.size) img = img.resize(src.size, src.size);
        const data = await img.webp({ quality: r.quality, effort: 0 }).toBuffer();
        out[r.name] = { data, width: r.size, height: r.size };
      }),
    );
    return out;
  };
}

export async function renderBanner(hue: number, items: { shape: Shape; color: string }[]): Promise<Buffer> {
  return sharp(Buffer.from(bannerSvg(hue, items)))
    .webp({ quality: 78, effort: 0 })
    .toBuffer();
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(workers);
  return results;
}
