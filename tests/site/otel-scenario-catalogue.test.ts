// The OpenTelemetry box's props checked at build time against the binary's catalogue
// (src/components/otel-scenario/catalogue.ts): what a lesson names exists, or the build says what does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { variantRuns } from '../../src/components/otel-scenario/catalogue.ts';

const info = JSON.parse(readFileSync(new URL('../../public/go/otel-build-info.json', import.meta.url), 'utf8'));

describe('OtelScenario props', () => {
  it('give each variant its Collector state and time limit from the build, in the order asked for', () => {
    expect(variantRuns(info, 'export-retry', ['http-stopped', 'http-down'])).toEqual([
      { name: 'http-stopped', collector: 'paused', tls: false, timeLimitMs: 60_000 },
      { name: 'http-down', collector: 'none', tls: false, timeLimitMs: 20_000 },
    ]);
    expect(variantRuns(info, 'tls-downgrade', ['no-ca'], 5000)).toEqual([{ name: 'no-ca', collector: 'up', tls: true, timeLimitMs: 5000 }]);
    expect(variantRuns(info, 'context-propagation').map((v) => [v.name, v.collector])).toEqual([['fixed', ''], ['dropped-ctx', ''], ['no-propagator', '']]);
  });

  it('fail with the names the build has when a scenario or variant is not in it', () => {
    expect(() => variantRuns(info, 'httptrace-race')).toThrow(/no scenario "httptrace-race" in the page's build; it has async-goroutines, batch-queue, /);
    expect(() => variantRuns(info, 'tls-downgrade', ['env-https-ca'])).toThrow('tls-downgrade has no variant "env-https-ca" in the page\'s build; it has no-ca, with-ca,');
    expect(() => variantRuns(info, 'runtime-task', [])).toThrow('runtime-task: no variant to offer');
  });
});
