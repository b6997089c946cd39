/**
 * The content loader of the `maturity` collection: reads content/maturity/model.yaml as one entry,
 * `model`. It fails the build, naming the file and the field, when the YAML does not parse, does not
 * match the schema (src/maturity/model.ts), or names a lesson that content/outline.json lacks.
 */
import { readFile } from 'node:fs/promises';
import type { Loader } from 'astro/loaders';
import yaml from 'js-yaml';
import { readOutline } from '../site/outline.ts';
import { describeModelErrors, maturityModelSchema } from './model.ts';

export function maturityModelLoader(file: string): Loader {
  return {
    name: 'maturity-model',
    load: async ({ config, store, parseData, watcher }) => {
      const url = new URL(file, config.root);
      const read = async () => {
        let raw: unknown;
        try {
          raw = yaml.load(await readFile(url, 'utf8'), { filename: file });
        } catch (error) {
          throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
        }
        const lessons = readOutline(config.root).chapters.flatMap((c) => c.lessons);
        const checked = maturityModelSchema({ lessons }).safeParse(raw);
        if (!checked.success) throw new Error(describeModelErrors(file, checked.error));
        const data = await parseData({ id: 'model', data: raw as Record<string, unknown>, filePath: file });
        store.clear();
        store.set({ id: 'model', data, filePath: file });
      };
      await read();
      watcher?.add(url.pathname);
      watcher?.on('change', (path) => {
        if (path === url.pathname) void read().catch((e) => console.error(e));
      });
    },
  };
}
