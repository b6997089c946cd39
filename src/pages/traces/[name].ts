/**
 * The recorded traces (playground/traces/*.trace) as static files at <base>traces/<name>, for the
 * TraceViewer component to fetch. A static endpoint rather than a copy in public/: the recordings stay
 * in one place (playground/traces, rebuilt by `npm run traces`), and the build and `astro dev` serve
 * exactly what is there, byte for byte.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';

const DIR = join(process.cwd(), 'playground/traces');

export const getStaticPaths: GetStaticPaths = () =>
  readdirSync(DIR)
    .filter((name) => name.endsWith('.trace'))
    .map((name) => ({ params: { name } }));

export const GET: APIRoute = ({ params }) => {
  const bytes = readFileSync(join(DIR, String(params.name)));
  return new Response(bytes, { headers: { 'Content-Type': 'application/octet-stream' } });
};
