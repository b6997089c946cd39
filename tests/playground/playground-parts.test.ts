/** The playground's small parts: what is read back from storage, and the CSP question of the WebContainer switch. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSaved } from '../../src/components/playground/storage.ts';
import { cspAllows } from '../../src/components/playground/webcontainer.ts';

describe('saved edits', () => {
  it('reads back a record it wrote', () => {
    expect(parseSaved(JSON.stringify({ v: 1, source: 'x', savedAt: 1 }))).toEqual({ v: 1, source: 'x', savedAt: 1 });
  });
  it.each([null, '', 'not json', '42', 'null', '[]', '{"v":2,"source":"x","savedAt":1}', '{"v":1,"source":42,"savedAt":1}', '{"v":1,"source":"x"}'])(
    'ignores %s',
    (raw) => expect(parseSaved(raw)).toBeNull(),
  );
});

describe('the CSP check of the WebContainer switch', () => {
  const site = readFileSync(new URL('../../deploy/nginx/security-headers.conf', import.meta.url), 'utf8').match(/Content-Security-Policy "([^"]+)"/)![1];
  const relaxed = readFileSync(new URL('../../deploy/nginx/playground-webcontainer.conf', import.meta.url), 'utf8').match(/Content-Security-Policy "([^"]+)"/)![1];
  const frame = ['frame-src', 'child-src', 'default-src'];

  it("the site's policy blocks StackBlitz, so the switch explains instead of booting", () => {
    expect(cspAllows(site, frame, 'https://stackblitz.com/headless')).toBe(false);
    expect(cspAllows(site, ['connect-src', 'default-src'], 'https://stackblitz.com/headless')).toBe(false);
  });
  it('the optional include allows it', () => {
    expect(cspAllows(relaxed, frame, 'https://stackblitz.com/headless')).toBe(true);
    expect(cspAllows(relaxed, ['connect-src', 'default-src'], 'https://stackblitz.com/headless')).toBe(true);
  });
  it('follows the fallbacks and wildcards', () => {
    expect(cspAllows("default-src 'self'", frame, 'https://stackblitz.com/')).toBe(false);
    expect(cspAllows('default-src *', frame, 'https://stackblitz.com/')).toBe(true);
    expect(cspAllows("script-src 'self'", frame, 'https://stackblitz.com/')).toBe(true);
    expect(cspAllows('frame-src https://*.stackblitz.com', frame, 'https://w.stackblitz.com/')).toBe(true);
    expect(cspAllows('frame-src https://*.stackblitz.com', frame, 'https://evil.com/')).toBe(false);
  });
});
