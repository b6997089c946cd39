// Every recorded run: which scenario and variant, and the Collector's state while it runs. The
// tests (tests/otel) run these and assert on what the Collector received; `npm run otel:record`
// runs them all and writes ../manifest.json.
import type { RunSpec } from './execute.ts';

const up = 'up' as const;

export const RUNS: RunSpec[] = [
  // 2.1
  { scenario: 'global-provider', variant: 'broken', lesson: 'init/global-provider', collector: up },
  { scenario: 'global-provider', variant: 'fixed', lesson: 'init/global-provider', collector: up },
  { scenario: 'global-provider', variant: 'no-processor', lesson: 'init/global-provider', collector: up },
  // 3.1
  ...['fixed', 'dropped-ctx', 'no-propagator'].map((variant) => ({ scenario: 'context-propagation', variant, lesson: 'spans/context-propagation', collector: up })),
  // 3.2
  ...['recovered', 'stack-trace', 'without-recording', 'status-error', 'unrecovered', 'worker-panic', 'os-exit', 'run-then-exit']
    .map((variant) => ({ scenario: 'end-on-panic', variant, lesson: 'spans/end-on-panic', collector: up })),
  // 3.3
  ...['request-ctx', 'detached'].map((variant) => ({ scenario: 'async-goroutines', variant, lesson: 'spans/async-goroutines', collector: up })),
  // 4.1
  ...['default', 'broken', 'fixed', 'upstream-sampled', 'upstream-not-sampled']
    .map((variant) => ({ scenario: 'default-sampling', variant, lesson: 'export/default-sampling', collector: up, params: { requests: '2000' }, timeoutMs: 120_000 })),
  ...['unset', 'always_off', 'always_off+WithSampler', 'traceidratio', 'traceidratio=0.25', 'arg-only=0', 'traceidratio=bogus', 'traceidratio=1.5', 'unknown-name', 'which-bytes']
    .map((variant) => ({ scenario: 'sampler-env', variant, lesson: 'export/default-sampling', collector: up })),
  // 4.2
  ...['no-ca', 'with-ca', 'insecure', 'insecure-with-tls', 'endpoint-url-http', 'env-http', 'env-insecure', 'env-https-ca',
    'grpc-no-ca', 'grpc-with-ca', 'grpc-insecure']
    .map((variant) => ({ scenario: 'tls-downgrade', variant, lesson: 'export/tls-downgrade', collector: up, tls: true })),
  ...['mtls-no-client-cert', 'mtls', 'env-mtls', 'grpc-mtls']
    .map((variant) => ({ scenario: 'tls-downgrade', variant, lesson: 'export/tls-downgrade', collector: up, tls: true, mtls: true })),
  // 4.3: the exporter's retry and timeout
  { scenario: 'export-retry', variant: 'http-down', lesson: 'export/timeout-retry', collector: 'none' },
  { scenario: 'export-retry', variant: 'http-late', lesson: 'export/timeout-retry', collector: 'late' },
  { scenario: 'export-retry', variant: 'http-stopped', lesson: 'export/timeout-retry', collector: 'paused', timeoutMs: 90_000 },
  { scenario: 'export-retry', variant: 'grpc-down', lesson: 'export/timeout-retry', collector: 'none' },
  { scenario: 'export-retry', variant: 'grpc-late', lesson: 'export/timeout-retry', collector: 'late' },
  { scenario: 'export-retry', variant: 'grpc-stopped', lesson: 'export/timeout-retry', collector: 'paused' },
  // 4.3: the batch span processor
  { scenario: 'batch-queue', variant: 'overflow', lesson: 'export/timeout-retry', collector: 'paused-2s' },
  { scenario: 'batch-queue', variant: 'overflow-silent', lesson: 'export/timeout-retry', collector: 'paused-2s' },
  { scenario: 'batch-queue', variant: 'blocking', lesson: 'export/timeout-retry', collector: 'paused-2s' },
  { scenario: 'batch-queue', variant: 'shutdown-flush', lesson: 'export/timeout-retry', collector: up },
  { scenario: 'batch-queue', variant: 'shutdown-timeout', lesson: 'export/timeout-retry', collector: 'paused' },
  { scenario: 'batch-queue', variant: 'no-shutdown', lesson: 'export/timeout-retry', collector: up },
  { scenario: 'batch-metrics', variant: 'overflow', lesson: 'export/timeout-retry', collector: 'paused-2s' },
  // 4.4, under the race detector
  ...['per-request', 'no-subspans', 'shared', 'gotconn-header']
    .map((variant) => ({ scenario: 'httptrace-race', variant, lesson: 'export/httptrace-race', collector: up, race: true, timeoutMs: 120_000, attemptsUntilRace: variant === 'shared' ? 5 : 1 })),
  // 5.1
  { scenario: 'runtime-task', variant: 'default', lesson: 'maturity/path', collector: up },
];
