import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundlePage } from './bundle-page.ts';

// Serves the page on the loopback interface: a secure context for WebGPU without certificates.

/** A running page server. */
export interface PageServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Bundles the pages' scripts, then serves `/` (the driver page), `/megakernel` (the megakernel page) and
 * their scripts on 127.0.0.1 (`port` 0: any free port).
 */
export async function servePage(port = 0): Promise<PageServer> {
  const [html, script, megakernelHtml, megakernelScript] = await Promise.all([
    readFile(new URL('../static/index.html', import.meta.url), 'utf8'),
    bundlePage('page.ts'),
    readFile(new URL('../static/megakernel.html', import.meta.url), 'utf8'),
    bundlePage('megakernel-page.ts'),
  ]);
  const html_ = 'text/html; charset=utf-8';
  const js = 'text/javascript; charset=utf-8';
  const routes = new Map([
    ['/', { type: html_, body: html }],
    ['/page.js', { type: js, body: script }],
    ['/megakernel', { type: html_, body: megakernelHtml }],
    ['/megakernel.js', { type: js, body: megakernelScript }],
  ]);
  const server = createServer((request, response) => {
    const route = routes.get(
      new URL(request.url ?? '/', 'http://127.0.0.1').pathname,
    );
    if (route === undefined) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, {
        'content-type': route.type,
        'cache-control': 'no-store',
      })
      .end(route.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) =>
          error === undefined ? resolve() : reject(error),
        );
      }),
  };
}
