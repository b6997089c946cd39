/**
 * The Go exercises' programs as the reader downloads them, at <base>downloads/<file>: each one is its
 * scenario's broken/<file> with `package main` for its package clause (src/casestudy/download.ts),
 * made at build time from the same file the scenario runner and the WebAssembly build compile.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { goDownloads } from '../../components/playground/exercises.ts';

export const getStaticPaths: GetStaticPaths = () => goDownloads().map(({ file, text }) => ({ params: { file }, props: { text } }));

export const GET: APIRoute = ({ props }) =>
  new Response((props as { text: string }).text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
