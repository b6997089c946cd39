/**
 * Latency figures of regions and tasks, for the regions view: computed in the analysis worker
 * (src/analysis/go/latency.ts); the page only draws them.
 */
export {
  bucketMin, bucketOf, histogram, nearestRank, latencyStats, latencyTypes,
  type Histogram, type LatencyStats, type Instance, type LatencyType,
} from '../../../analysis/go/latency.ts';
