// What exercise code gets as '#field-guide/trace': the trace reader's public API, unchanged.
export * from '../../trace/index.ts';
