// What exercise code gets as '#field-guide/analysis': the analysis API without its page-only half
// (analyseInWorker starts a Web Worker of its own; exercise code already runs in one).
export * from '../../analysis/model.ts';
export { analyseTrace, analyseBytes, Analyser, groupName, isSystemFunc, type AnalyseOptions } from '../../analysis/analyse.ts';
export { goroutineGroupSummaries, blockRateByWindow, type BlockRateOptions } from '../../analysis/summaries.ts';
export { findings, findingRules, doctorThresholds, type FindingRule, type FindingRuleId } from '../../analysis/doctor.ts';
