// Starts the Collector (../collector) on loopback ports chosen here, with a config written here,
// and reads what it received: its otlpjsonfile exporter appends one OTLP/JSON line per batch.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readReceived, type Span } from './received.ts';

/**
 * A port that was free a moment ago on 127.0.0.1, outside Linux's ephemeral range (32768-60999):
 * a port the kernel hands out is the next one some client's connection may take.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export interface CollectorOptions {
  /**
   * Serve OTLP/HTTP and OTLP/gRPC over TLS with this certificate and key (PEM files); with
   * clientCA, also ask every client for a certificate signed by that CA (mTLS).
   */
  tls?: { cert: string; key: string; clientCA?: string };
  /** Ports to use (else free ones are picked): a Collector started late must take the promised port. */
  httpPort?: number;
  grpcPort?: number;
}

export class Collector {
  readonly bin: string;
  readonly opts: CollectorOptions;
  readonly dir: string;
  readonly output: string;
  httpEndpoint: string;
  grpcEndpoint: string;
  stderr = '';
  private proc: ChildProcess | null = null;

  private constructor(bin: string, httpPort: number, grpcPort: number, opts: CollectorOptions) {
    this.bin = bin;
    this.opts = opts;
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'otel-collector-'));
    this.output = path.join(this.dir, 'received.jsonl');
    this.httpEndpoint = `127.0.0.1:${httpPort}`;
    this.grpcEndpoint = `127.0.0.1:${grpcPort}`;
  }

  /** Picks the ports and writes the config, without starting the process. */
  static async prepare(bin: string, opts: CollectorOptions = {}): Promise<Collector> {
    return new Collector(bin, opts.httpPort ?? await freePort(), opts.grpcPort ?? await freePort(), opts);
  }

  static async start(bin: string, opts: CollectorOptions = {}): Promise<Collector> {
    const c = await Collector.prepare(bin, opts);
    await c.run();
    return c;
  }

  config(): string {
    const clientCA = this.opts.tls?.clientCA ? `\n          client_ca_file: ${this.opts.tls.clientCA}` : '';
    const tls = this.opts.tls ? `\n        tls:\n          cert_file: ${this.opts.tls.cert}\n          key_file: ${this.opts.tls.key}${clientCA}` : '';
    // No batch processor in the pipeline: each export becomes one line at once, so a test
    // reads the file as soon as the program's export has returned.
    return `receivers:
  otlp:
    protocols:
      http:
        endpoint: ${this.httpEndpoint}${tls}
      grpc:
        endpoint: ${this.grpcEndpoint}${tls}
exporters:
  otlpjsonfile:
    path: ${this.output}
  debug:
    verbosity: basic
service:
  telemetry:
    metrics:
      level: none
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [otlpjsonfile, debug]
`;
  }

  /**
   * Starts the process and waits until it says it is ready. Ports picked here that someone took
   * in the meantime are picked again; ports a caller promised are not.
   */
  async run(timeoutMs = 60_000): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(timeoutMs);
      } catch (e) {
        const fixed = this.opts.httpPort !== undefined || this.opts.grpcPort !== undefined;
        if (fixed || attempt >= 5 || !String(e).includes('address already in use')) throw e;
        this.httpEndpoint = `127.0.0.1:${await freePort()}`;
        this.grpcEndpoint = `127.0.0.1:${await freePort()}`;
        this.stderr = '';
      }
    }
  }

  private async runOnce(timeoutMs: number): Promise<void> {
    const configFile = path.join(this.dir, 'collector.yaml');
    writeFileSync(configFile, this.config());
    const proc = spawn(this.bin, [`--config=file:${configFile}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.proc = proc;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the Collector was not ready after ${timeoutMs} ms:\n${this.stderr}`)), timeoutMs);
      proc.stderr!.setEncoding('utf8');
      proc.stderr!.on('data', (chunk: string) => {
        this.stderr += chunk;
        if (this.stderr.includes('Everything is ready')) { clearTimeout(timer); resolve(); }
      });
      proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the Collector exited (${code}):\n${this.stderr}`)); });
    });
  }

  /** SIGSTOP: the process holds its sockets and answers nothing, as a hung backend. */
  pause(): void { this.proc?.kill('SIGSTOP'); }
  resume(): void { this.proc?.kill('SIGCONT'); }

  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    proc.kill('SIGCONT');
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (proc.exitCode === null) proc.kill('SIGKILL');
  }

  /** Every span received so far for one run (all runs when run is omitted). */
  spans(run?: string): Span[] {
    return existsSync(this.output) ? readReceived(readFileSync(this.output, 'utf8'), run) : [];
  }

  /** Waits until the received spans of a run stop changing for settleMs (a paused Collector catching up). */
  async settled(run: string, settleMs = 500, maxMs = 15_000): Promise<Span[]> {
    let last = -1;
    const deadline = Date.now() + maxMs;
    for (;;) {
      const n = this.spans(run).length;
      if (n === last || Date.now() > deadline) return this.spans(run);
      last = n;
      await new Promise((resolve) => setTimeout(resolve, settleMs));
    }
  }
}
