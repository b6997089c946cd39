/** Chapter 6's program at build time: playground/go/scenarios/slow-request/<variant>/slowservice.go. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PROGRAM_FILE = 'slowservice.go';

export function programSource(variant: 'broken' | 'fixed'): string {
  return readFileSync(join(process.cwd(), 'playground/go/scenarios/slow-request', variant, PROGRAM_FILE), 'utf8');
}
