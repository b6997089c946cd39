/**
 * Starts a classic worker script of the site through a one-line blob that importScripts it.
 *
 * Playground pages live under <base>playground/, where nginx sends COOP/COEP (require-corp). There a
 * worker started straight from /_astro/x.js is blocked unless that response carries COEP too, which
 * the site's assets do not. A blob worker inherits the page's policy instead, and importScripts of a
 * same-origin script is allowed, so this works with and without cross-origin isolation.
 */
export function blobWorkerScript(scriptUrl: string, prelude = ''): string {
  const abs = new URL(scriptUrl, location.href).href;
  return `${prelude}importScripts(${JSON.stringify(abs)});\n`;
}

export function startBlobWorker(scriptUrl: string, name: string, prelude = ''): { worker: Worker; revoke: () => void } {
  const url = URL.createObjectURL(new Blob([blobWorkerScript(scriptUrl, prelude)], { type: 'text/javascript' }));
  try {
    return { worker: new Worker(url, { name }), revoke: () => URL.revokeObjectURL(url) };
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
}
