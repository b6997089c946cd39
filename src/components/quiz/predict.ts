/**
 * The heavy half of a predict-the-trace question, imported only when one is checked: fetches the
 * recorded trace from <base>traces/<name> (served by src/pages/traces/[name].ts), analyses it in a
 * Web Worker (src/analysis/client.ts) and runs the question's probe (src/quiz/probes.ts) on the model.
 * Each trace is read once per page, however many questions ask about it.
 */
import { analyseInWorker } from '../../analysis/client.ts';
import type { TraceModel } from '../../analysis/model.ts';
import { runProbe, type ProbeValue } from '../../quiz/probes.ts';

const models = new Map<string, Promise<TraceModel>>();

async function load(url: string): Promise<TraceModel> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${res.status} ${res.statusText} (${url})`);
  return analyseInWorker(await res.arrayBuffer());
}

export async function probeTrace(base: string, trace: string, probe: string): Promise<ProbeValue> {
  const url = `${base.endsWith('/') ? base : `${base}/`}traces/${encodeURIComponent(trace)}`;
  let model = models.get(url);
  if (!model) {
    model = load(url);
    models.set(url, model);
    model.catch(() => models.delete(url));
  }
  return runProbe(probe, await model);
}
