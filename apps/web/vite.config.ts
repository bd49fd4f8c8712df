import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// `npm run dev`: Vite serves the app with hot reload and forwards the server's routes to it
// (default http://localhost:3000; CARTWHEEL_API points elsewhere).
const api = process.env.CARTWHEEL_API ?? `http://localhost:${process.env.PORT ?? 3000}`;
const forward = { target: api, changeOrigin: false };

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Writes .br and .gz next to each built script and stylesheet, compressed once at build time at
 * the highest levels; the server picks one by Accept-Encoding (@fastify/static preCompressed).
 */
function precompress(): Plugin {
  return {
    name: 'cartwheel:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      const files = Object.keys(bundle).filter((f) => /\.(js|css|svg)$/.test(f));
      await Promise.all(
        files.map(async (f) => {
          const file = path.join(dir, f);
          const data = await readFile(file);
          if (data.length < 1024) return;
          await writeFile(`${file}.br`, await br(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
          await writeFile(`${file}.gz`, await gz(data, { level: 9 }));
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), precompress()],
  server: {
    port: 5173,
    proxy: {
      '/api': forward,
      '/uploads': forward,
      '/sitemap.xml': forward,
      '/robots.txt': forward,
    },
  },
  build: {
    target: 'es2022',
    assetsInlineLimit: 2048,
  },
});
