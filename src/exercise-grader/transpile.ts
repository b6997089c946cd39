/**
 * The reader's TypeScript to a CommonJS function body, with sucrase: types are stripped and imports
 * become require() calls that modules.ts answers. Sucrase does not type-check (the TypeScript worker
 * does that, on demand); it only rejects code that does not parse, with a line and column.
 */
import { transform } from 'sucrase';

export type Transpiled = { ok: true; code: string } | { ok: false; message: string; line?: number; column?: number };

export function transpile(source: string): Transpiled {
  try {
    const { code } = transform(source, {
      transforms: ['typescript', 'imports'],
      filePath: 'exercise.ts',
      disableESTransforms: true,
      production: true,
    });
    return { ok: true, code };
  } catch (error) {
    const e = error as Error & { loc?: { line: number; column: number } };
    const message = String(e?.message ?? error).replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)\s*$/, '');
    return e?.loc ? { ok: false, message, line: e.loc.line, column: e.loc.column + 1 } : { ok: false, message };
  }
}
