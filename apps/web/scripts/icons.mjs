// Renders the PWA icons (public/icons/*.png) from public/favicon.svg with sharp, locally.
// Run after changing the logo: node apps/web/scripts/icons.mjs
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = path.dirname(fileURLToPath(import.meta.url));
const pub = path.join(here, '..', 'public');
const svg = await readFile(path.join(pub, 'favicon.svg'));
await mkdir(path.join(pub, 'icons'), { recursive: true });

const plain = async (size, name) =>
  sharp(svg, { density: 512 })
    .resize(size, size)
    .png()
    .toFile(path.join(pub, 'icons', name));

// Maskable icons keep the logo inside the central 80% "safe zone" on a full-bleed background.
const maskable = async (size, name) => {
  const inner = Math.round(size * 0.72);
  const logo = await sharp(svg, { density: 512 }).resize(inner, inner).png().toBuffer();
  await sharp({ create: { width: size, height: size, channels: 4, background: '#0b7a34' } })
    .composite([{ input: logo, gravity: 'centre' }])
    .png()
    .toFile(path.join(pub, 'icons', name));
};

await plain(192, 'icon-192.png');
await plain(512, 'icon-512.png');
await maskable(512, 'maskable-512.png');
await maskable(180, 'apple-touch-icon.png');
console.log('icons written to', path.join(pub, 'icons'));
