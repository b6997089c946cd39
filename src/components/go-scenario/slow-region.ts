/**
 * The region a snapshot is taken for: the slowest region of the name a scenario offers (its request
 * handler), measured only where the trace holds both its ends, and whether it is over the threshold;
 * and how the viewer points at it.
 */
import type { TraceModel } from '../../analysis/model.ts';
import { fillTemplate, formatNs } from '../trace-viewer/scale.ts';
import type { RegionHighlight } from '../trace-viewer/viewer.ts';

export interface SlowRegion {
  /** Row of TraceModel.regions. */
  row: number;
  durationNs: number;
  overThreshold: boolean;
}

export function slowestRegion(model: TraceModel, name: string, thresholdNs: number): SlowRegion | null {
  const rg = model.regions;
  let best: SlowRegion | null = null;
  for (let i = 0; i < rg.length; i++) {
    // A region cut by either end of the window has no duration to compare.
    if (rg.open[i] === 1 || rg.beganBefore[i] === 1 || model.strings[rg.name[i]] !== name) continue;
    const d = rg.end[i] - rg.start[i];
    if (!best || d > best.durationNs) best = { row: i, durationNs: d, overThreshold: d > thresholdNs };
  }
  return best;
}

/**
 * The viewer's highlight for the slowest `region` of a snapshot, labelled from the page's strings
 * (scenario.slowRegion / scenario.slowestRegion); undefined when the snapshot has no whole one.
 */
export function slowRegionHighlight(
  model: TraceModel,
  offer: { region: string; thresholdNs: number },
  strings: { slowRegion: string; slowestRegion: string },
): RegionHighlight | undefined {
  const slow = slowestRegion(model, offer.region, offer.thresholdNs);
  if (!slow) return undefined;
  const facts = { region: offer.region, duration: formatNs(slow.durationNs), threshold: formatNs(offer.thresholdNs) };
  return { region: slow.row, label: fillTemplate(slow.overThreshold ? strings.slowRegion : strings.slowestRegion, facts) };
}
