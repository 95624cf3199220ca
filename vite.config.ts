import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The files pdf.js fetches at run time, served from the app's own origin under
 * pdfjs/ (renderer/src/components/PdfView.tsx points pdf.js at them): the
 * character maps that Chinese PDFs without embedded fonts need, the 14
 * standard fonts, and the JavaScript JPEG 2000 decoder used instead of
 * WebAssembly (the CSP allows no 'wasm-unsafe-eval'). Nothing is fetched from
 * the network: the app works offline.
 */
function pdfjsAssets(): Plugin {
  const root = path.resolve('node_modules/pdfjs-dist');
  const files = [
    ...['cmaps', 'standard_fonts'].flatMap((dir) => fs.readdirSync(path.join(root, dir)).map((name) => `${dir}/${name}`)),
    'wasm/openjpeg_nowasm_fallback.js',
  ];
  return {
    name: 'pdfjs-assets',
    configureServer(server) {
      server.middlewares.use('/pdfjs/', (req, res, next) => {
        const name = decodeURIComponent((req.url ?? '').split('?')[0]!.replace(/^\//, ''));
        if (!files.includes(name)) return next();
        res.setHeader('Content-Type', name.endsWith('.js') ? 'text/javascript' : 'application/octet-stream');
        res.end(fs.readFileSync(path.join(root, name)));
      });
    },
    generateBundle() {
      for (const name of files) this.emitFile({ type: 'asset', fileName: `pdfjs/${name}`, source: fs.readFileSync(path.join(root, name)) });
    },
  };
}

// The renderer is a static bundle served by the desktop shell (app://) or by
// the browser-mode server; relative asset URLs (base './') work under both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), pdfjsAssets()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    // No inline scripts or data: URLs for scripts: the page runs under a strict CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { port: 5173, strictPort: false },
});
