/**
 * What a box may run, from the binary's own catalogue (public/go/otel-build-info.json, written by
 * npm run otel:wasm from otel-wasm -list): a lesson that names a scenario or variant the page's build
 * does not have fails the site's build with the names it does have, never a box that fails on Run.
 */
import type { BrowserBuildInfo } from '../../../playground/otel/harness/browser-build.ts';

/** One variant as the box runs it: its simulated Collector's state ("" for the in-memory exporter). */
export interface VariantRun {
  name: string;
  collector: string;
  tls: boolean;
  timeLimitMs: number;
}

export function variantRuns(info: Pick<BrowserBuildInfo, 'scenarios'>, scenario: string, variants?: string[], timeoutMs?: number): VariantRun[] {
  const entry = info.scenarios.find((e) => e.scenario === scenario);
  if (!entry) throw new Error(`OtelScenario: no scenario "${scenario}" in the page's build; it has ${info.scenarios.map((e) => e.scenario).join(', ')}`);
  const known = new Map(entry.variants.map((v) => [v.name, v]));
  const names = variants ?? entry.variants.map((v) => v.name);
  if (names.length === 0) throw new Error(`OtelScenario: ${scenario}: no variant to offer`);
  return names.map((name) => {
    const v = known.get(name);
    if (!v) throw new Error(`OtelScenario: ${scenario} has no variant "${name}" in the page's build; it has ${[...known.keys()].join(', ')}`);
    return { name, collector: v.collector ?? '', tls: v.tls ?? false, timeLimitMs: timeoutMs ?? v.timeLimitMs };
  });
}
