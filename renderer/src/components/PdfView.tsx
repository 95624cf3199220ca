/**
 * A PDF shown inside the app, one page at a time on a canvas, with pdf.js
 * (pdfjs-dist) — not handed to the system's PDF reader, and not to the
 * browser's own viewer either (the desktop shell has no plugins).
 *
 * pdf.js runs in a worker served from the app's origin; it executes no
 * JavaScript of the PDF (no scripting build is loaded, no annotation layer is
 * drawn, eval is off) and fetches only its character maps, standard fonts and
 * JPEG 2000 decoder from the app's own pdfjs/ folder (vite.config.ts copies
 * them), so it works offline under the app's strict CSP — which allows no
 * WebAssembly, so pdf.js's JavaScript decoders are used.
 * The library is loaded on first use, not with the app.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Space, Spin } from 'antd';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { zhCN } from '../i18n/zh-CN';

const t = zhCN.viewer;
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;

async function loadPdfjs() {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs;
}

export function PdfView({ data, testId = 'pdf-view' }: { data: Uint8Array; testId?: string }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(2); // index into ZOOMS: 1 = the page as wide as the view
  const [rendered, setRendered] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let cancelled = false;
    let loaded: PDFDocumentProxy | null = null;
    setDoc(null);
    setError(null);
    setPage(1);
    loadPdfjs()
      .then((pdfjs) => {
        const base = new URL('pdfjs/', document.baseURI).href;
        return pdfjs.getDocument({
          data: data.slice(), // pdf.js hands the buffer to its worker; keep the caller's
          cMapUrl: `${base}cmaps/`,
          cMapPacked: true,
          standardFontDataUrl: `${base}standard_fonts/`,
          wasmUrl: `${base}wasm/`,
          useWasm: false,
          isEvalSupported: false,
          enableXfa: false,
        }).promise;
      })
      .then((d) => {
        loaded = d;
        if (cancelled) void d.destroy();
        else setDoc(d);
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(t.pdfFailed(e instanceof Error ? e.message : String(e)));
      });
    return () => {
      cancelled = true;
      void loaded?.destroy();
    };
  }, [data]);

  useEffect(() => {
    if (!doc || !canvas.current || !box.current) return;
    let task: ReturnType<Awaited<ReturnType<PDFDocumentProxy['getPage']>>['render']> | null = null;
    let cancelled = false;
    const target = canvas.current;
    const width = box.current.clientWidth - 2;
    void doc.getPage(page).then((p) => {
      if (cancelled) return;
      const fit = width / p.getViewport({ scale: 1 }).width;
      const ratio = window.devicePixelRatio || 1;
      const viewport = p.getViewport({ scale: fit * ZOOMS[zoom]! * ratio });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      target.style.width = `${Math.floor(viewport.width / ratio)}px`;
      target.style.height = `${Math.floor(viewport.height / ratio)}px`;
      task = p.render({ canvas: target, viewport });
      task.promise.then(() => !cancelled && setRendered(page), (e: unknown) => {
        if (!cancelled && !(e instanceof Error && e.name === 'RenderingCancelledException')) setError(t.pdfFailed(String(e)));
      });
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, page, zoom]);

  const pages = doc?.numPages ?? 0;
  return (
    <div className="pdf-view" data-testid={testId} data-pages={pages} data-page={page} data-rendered={rendered}>
      <Space className="pdf-view-tools" wrap>
        <Button size="small" disabled={page <= 1} onClick={() => setPage((n) => n - 1)}>{t.previous}</Button>
        <span className="pdf-view-page">{pages > 0 ? t.page(page, pages) : ''}</span>
        <Button size="small" disabled={page >= pages} onClick={() => setPage((n) => n + 1)}>{t.next}</Button>
        <Button size="small" disabled={zoom === 0} onClick={() => setZoom((z) => z - 1)}>{t.zoomOut}</Button>
        <Button size="small" disabled={zoom === 2} onClick={() => setZoom(2)}>{t.fitWidth}</Button>
        <Button size="small" disabled={zoom === ZOOMS.length - 1} onClick={() => setZoom((z) => z + 1)}>{t.zoomIn}</Button>
      </Space>
      {error !== null && <Alert type="error" showIcon title={error} />}
      <div className="pdf-view-page-box" ref={box}>
        {!doc && error === null && <Spin />}
        <canvas ref={canvas} className="pdf-view-canvas" hidden={!doc} />
      </div>
    </div>
  );
}
