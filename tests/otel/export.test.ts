// Lessons 4.2 and 4.3, run against a real Collector: TLS over OTLP/HTTP and OTLP/gRPC (a CA of
// the run's own), the batch span processor's queue and Shutdown, and the OTLP exporters' retry
// and timeout with the Collector absent, late or paused (SIGSTOP).
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../playground/otel/harness/execute.ts';
import { queueFullInMetrics, reportedDropped } from '../../playground/otel/harness/summarise.ts';
import { haveOtelToolchain, otelFixture } from './toolchain-gate.ts';

/** "attempt N at +Ts: result" lines of export-retry. */
const attempts = (o: Outcome) => [...o.stdout.matchAll(/^attempt (\d+) at \+([\d.]+)s: (.*)$/gm)].map((m) => ({ n: Number(m[1]), at: Number(m[2]), result: m[3] }));
const uniqueSpans = (o: Outcome) => new Set(o.spans.map((s) => s.spanId)).size;

describe.skipIf(!haveOtelToolchain('OpenTelemetry export (4.2, 4.3)'))('OpenTelemetry export (4.2, 4.3)', () => {
  const otel = otelFixture();

  // The batch processor's last export runs inside Shutdown; its error goes to otel.Handle, which
  // logs it, and Shutdown itself returns nil.
  const logged = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d traces export: /;

  it('4.2: against an untrusted certificate the export fails at the handshake, only logged; nothing is sent in plaintext', async () => {
    const o = await otel.run('tls-downgrade', 'no-ca');
    expect(o.stdout.trim()).toBe('tp.Shutdown: <nil>');
    expect(o.stderr).toMatch(logged);
    expect(o.stderr).toContain('traces export: Post "https://<collector-http>/v1/traces": tls: failed to verify certificate: x509: certificate signed by unknown authority');
    expect(o.spans).toEqual([]);
    expect(o.collectorLog).toMatch(/http: TLS handshake error from 127\.0\.0\.1:\d+: remote error: tls: bad certificate/);
    expect(o.collectorLog).not.toMatch(/client sent an HTTP request/i);
  });

  it('4.2: with the CA, by option or by OTEL_EXPORTER_OTLP_CERTIFICATE, the spans arrive', async () => {
    for (const variant of ['with-ca', 'env-https-ca']) {
      const o = await otel.run('tls-downgrade', variant);
      expect(o.stderr).toBe('');
      expect(o.spans.map((s) => s.name)).toEqual(['secret', 'secret', 'secret']);
    }
  });

  it('4.2: WithInsecure, an http:// endpoint URL or variable, or OTEL_EXPORTER_OTLP_INSECURE send plaintext, which a TLS Collector refuses; WithInsecure plus a TLS config does not start', async () => {
    for (const variant of ['insecure', 'endpoint-url-http', 'env-http', 'env-insecure']) {
      const o = await otel.run('tls-downgrade', variant);
      expect(o.stdout.trim(), variant).toBe('tp.Shutdown: <nil>');
      expect(o.stderr, variant).toMatch(logged);
      expect(o.stderr, variant).toContain('traces export: failed to send to http://<collector-http>/v1/traces: 400 Bad Request (body: Client sent an HTTP request to an HTTPS server.)');
      expect(o.collectorLog, variant).toMatch(/http: TLS handshake error from 127\.0\.0\.1:\d+: client sent an HTTP request to an HTTPS server/);
      expect(o.spans, variant).toEqual([]);
    }
    const both = await otel.run('tls-downgrade', 'insecure-with-tls');
    expect(both.exitCode).toBe(1);
    expect(both.stderr.trim()).toBe('error: otlptracehttp.New: insecure HTTP endpoint cannot use TLS client configuration');
  });

  it('4.2: otlptracegrpc: its default TLS fails the handshake as Unavailable, retried until its 10 s timeout, then only logged; with the CA the spans arrive; WithInsecure is refused', async () => {
    for (const variant of ['grpc-no-ca', 'grpc-insecure']) {
      const o = await otel.run('tls-downgrade', variant);
      const a = attempts(o);
      expect(a.length, variant).toBeGreaterThanOrEqual(2);
      // Every attempt fails the same way. A plaintext preface to the TLS port is read as EOF, or as a
      // reset when the server closes with the preface still unread (seen on a loaded machine).
      const want = variant === 'grpc-no-ca'
        ? /^Unavailable: connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"$/
        : /^Unavailable: connection error: desc = "error reading server preface: (EOF|connection reset by peer)"$/;
      for (const x of a) expect(x.result, `${variant}:\n${o.stdout}`).toMatch(want);
      expect(o.stdout, variant).toMatch(/^tp\.Shutdown returned at \+1\d\.\d\ds after \d attempts: <nil>$/m);
      expect(o.stderr, variant).toMatch(logged);
      expect(o.stderr, variant).toContain('traces export: exporter export timeout: rpc error: code = Unavailable desc = connection error: ');
      expect(o.spans, variant).toEqual([]);
    }
    const withCA = await otel.run('tls-downgrade', 'grpc-with-ca');
    expect(attempts(withCA).map((x) => x.result)).toEqual(['OK']);
    expect(withCA.stderr).toBe('');
    expect(withCA.spans.map((s) => s.name)).toEqual(['secret', 'secret', 'secret']);
  }, 60_000);

  it('4.2: a Collector that asks for a client certificate refuses an exporter without one; with one (option, variables, gRPC) the spans arrive', async () => {
    const none = await otel.run('tls-downgrade', 'mtls-no-client-cert');
    expect(none.stdout.trim()).toBe('tp.Shutdown: <nil>');
    expect(none.stderr).toMatch(logged);
    // TLS 1.3: the server checks the client's certificate after the client has finished its side of
    // the handshake, so the refusal reaches the exporter as the server's alert, as the HTTP/2
    // client's failure (HTTP/2 had begun on the connection), or as a reset of the request's write
    // (the server had closed): all three seen on a loaded machine.
    expect(none.stderr).toMatch(/traces export: Post "https:\/\/<collector-http>\/v1\/traces": (remote error: tls: certificate required|http2: client conn could not be established|write tcp [\d.:]+-><collector-http>: write: connection reset by peer)/);
    expect(none.spans).toEqual([]);
    for (const variant of ['mtls', 'env-mtls', 'grpc-mtls']) {
      const o = await otel.run('tls-downgrade', variant);
      expect(o.stderr, variant).toBe('');
      expect(o.spans.map((s) => s.name), variant).toEqual(['secret', 'secret', 'secret']);
    }
  });

  it('4.3: a burst into a stuck exporter drops all but queue + one batch (2048 + 512); only a V(8) logger says so', async () => {
    // 2048 wait in the queue; the processor's goroutine has taken up to one batch (512) before
    // its export hangs: 2560 when it ran alongside the burst, fewer on a machine too busy for that.
    const o = await otel.run('batch-queue', 'overflow');
    expect(o.spans.length).toBeGreaterThanOrEqual(2048);
    expect(o.spans.length).toBeLessThanOrEqual(2560);
    expect(reportedDropped(o.stderr)).toBe(10000 - o.spans.length);
    const silent = await otel.run('batch-queue', 'overflow-silent');
    expect(silent.spans.length).toBeGreaterThanOrEqual(2048);
    expect(silent.spans.length).toBeLessThanOrEqual(2560);
    expect(silent.stderr).toBe('');
  });

  it('4.3: with OTEL_GO_X_OBSERVABILITY=true the SDK counts the dropped spans in a metric, queue_full', async () => {
    const o = await otel.run('batch-metrics', 'overflow');
    expect(o.spans.length).toBeGreaterThanOrEqual(2048);
    expect(o.spans.length).toBeLessThanOrEqual(2560);
    expect(queueFullInMetrics(o.stdout)).toBe(10000 - o.spans.length);
    expect(o.stdout).toMatch(/^ {2}otel\.sdk\.processor\.span\.queue\.capacity\{otel\.component\.type=batching_span_processor\} 2048$/m);
    expect(o.stdout).toMatch(/^ {2}otel\.sdk\.span\.started\{[^}]*\} 10000$/m);
    expect(o.stderr).toBe('');
  });

  it('4.3: WithBlocking drops nothing; the code ending spans waits for the stuck exporter instead', async () => {
    const o = await otel.run('batch-queue', 'blocking');
    expect(o.spans.length).toBe(10000);
    const took = /^ended 10000 spans in ([\d.]+)(ms|s)$/m.exec(o.stdout)!;
    expect(took[2] === 's' ? Number(took[1]) : Number(took[1]) / 1000).toBeGreaterThanOrEqual(1.9);
  });

  it('4.3: Shutdown flushes at once; without it the batch waiting for its 5 s delay is lost; a Shutdown that times out still leaves the export in flight', async () => {
    const flush = await otel.run('batch-queue', 'shutdown-flush');
    expect(flush.spans.length).toBe(100);
    expect(flush.stdout).toContain('tp.Shutdown returned after 0s: <nil>');
    const none = await otel.run('batch-queue', 'no-shutdown');
    expect(none.spans).toEqual([]);
    const timeout = await otel.run('batch-queue', 'shutdown-timeout');
    expect(timeout.stdout).toContain('tp.Shutdown returned after 2s: context deadline exceeded');
    // The request was already written to the paused Collector's socket: it is processed on SIGCONT.
    expect(timeout.spans.length).toBe(100);
  });

  it('4.3: otlptracehttp does not retry a refused connection: the Collector coming up later gets nothing', async () => {
    for (const variant of ['http-down', 'http-late']) {
      const o = await otel.run('export-retry', variant);
      expect(attempts(o)).toHaveLength(1);
      expect(attempts(o)[0].result).toBe('dial tcp <collector-http>: connect: connection refused');
      expect(o.stdout).toMatch(/ForceFlush returned at \+\d+\.\d\ds after 1 attempts: traces export: Post "http:\/\/<collector-http>\/v1\/traces": dial tcp <collector-http>: connect: connection refused/);
      expect(o.spans).toEqual([]);
    }
  });

  it('4.3: otlptracegrpc retries Unavailable with backoff (5 s ± 50 %) inside its 10 s timeout, and delivers once the Collector is up', async () => {
    const late = await otel.run('export-retry', 'grpc-late');
    const a = attempts(late);
    expect(a.length).toBeGreaterThanOrEqual(2);
    expect(a[0].result).toMatch(/^Unavailable: connection error/);
    expect(a.at(-1)!.result).toBe('OK');
    expect(a[1].at - a[0].at).toBeGreaterThanOrEqual(2.4);
    expect(a[1].at - a[0].at).toBeLessThanOrEqual(8.5); // 7.5, and room for a busy machine
    expect(late.spans.length).toBe(5);

    const down = await otel.run('export-retry', 'grpc-down');
    expect(down.stdout).toMatch(/ForceFlush returned at \+1\d\.\d\ds after \d attempts: traces export: exporter export timeout: rpc error: code = Unavailable/);
    expect(down.spans).toEqual([]);
  }, 60_000);

  it('4.3: against a hung Collector, otlptracehttp\'s 10 s is per attempt and the batch processor\'s 30 s ends the retries; every abandoned attempt is delivered later', async () => {
    const o = await otel.run('export-retry', 'http-stopped');
    const a = attempts(o);
    expect(a.length).toBeGreaterThanOrEqual(2);
    expect(a[1].at).toBeGreaterThanOrEqual(10 + 2.5 - 0.5);
    expect(o.stdout).toMatch(/ForceFlush returned at \+3\d\.\d\ds after \d attempts: traces export: .*processor export timeout/);
    expect(uniqueSpans(o)).toBe(5);
    expect(o.spans.length).toBe(5 * a.length);

    const grpc = await otel.run('export-retry', 'grpc-stopped');
    expect(grpc.stdout).toMatch(/ForceFlush returned at \+1\d\.\d\ds after 1 attempts: traces export: exporter export timeout: rpc error: code = DeadlineExceeded/);
    expect(grpc.spans).toEqual([]);
  }, 120_000);
});
