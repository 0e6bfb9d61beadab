import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { median, percentile } from '../stats';

/**
 * The provider proxy's cost on loopback, against a stand-in provider: latency it adds per
 * request (the same requests direct and through it, interleaved), 20 jobs at once, and its
 * process's memory while it forwards a 20 MB upload.
 */
export interface ProxyFigures {
  directMedianMs: number;
  proxiedMedianMs: number;
  addedMedianMs: number;
  addedP95Ms: number;
  jobs: number;
  jobsSeconds: number;
  directJobsSeconds: number;
  uploadMb: number;
  baselineRssMb: number;
  peakRssMb: number;
  rssGrowthRatio: number;
}

/** A provider that answers at once, and swallows uploads slowly so they stay in flight. */
function startUpstream() {
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.includes('/upload')) {
      req.on('data', () => req.pause());
      // Read at about 40 MB/s: the proxy must hold back, not buffer.
      const drain = setInterval(() => req.resume(), 20);
      req.on('end', () => {
        clearInterval(drain);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'run', status_code: 'running', output: { outputs: [{ url: 'http://127.0.0.1/x.png' }] } }));
  });
  return new Promise<{ url: string; close: () => void }>((ok) =>
    server.listen(0, '127.0.0.1', () => ok({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() })),
  );
}

function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((ok, fail) => {
    const started = performance.now();
    httpRequest(url, { headers, agent: false }, (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => ok(performance.now() - started));
    })
      .on('error', fail)
      .end();
  });
}

function post(url: string, body: Buffer, headers: Record<string, string>): Promise<number> {
  return new Promise((ok, fail) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => ok(res.statusCode ?? 0));
    });
    req.on('error', fail);
    // Written in 1 MB pieces, as a browser streams it.
    for (let at = 0; at < body.length; at += 2 ** 20) req.write(body.subarray(at, at + 2 ** 20));
    req.end();
  });
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

export async function proxyBenchmark(requests = 300): Promise<ProxyFigures> {
  const upstream = await startUpstream();
  const port = 4700 + Math.floor(Math.random() * 200);
  // Node itself, with tsx as a loader: child.pid is the server whose memory is read.
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'server.ts'), String(port), upstream.url], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ok) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && ok()));
  const serverPid = child.pid!;
  const proxied = `http://127.0.0.1:${port}/api/runflow/call/v1/runs/run`;
  const headers = { 'Sec-Fetch-Site': 'same-origin', Host: `127.0.0.1:${port}` };
  try {
    for (let i = 0; i < 30; i++) await Promise.all([get(`${upstream.url}/v1/runs/run`), get(proxied, headers)]);
    const direct: number[] = [];
    const through: number[] = [];
    for (let i = 0; i < requests; i++) {
      direct.push(await get(`${upstream.url}/v1/runs/run`));
      through.push(await get(proxied, headers));
    }
    const added = through.map((t, i) => t - direct[i]);

    // 20 jobs at once, each a submit, three polls and a result: direct, then through the proxy.
    const job = async (base: string, extra: Record<string, string>) => {
      for (let i = 0; i < 5; i++) await get(`${base}/v1/runs/run`, extra);
    };
    let started = performance.now();
    await Promise.all(Array.from({ length: 20 }, () => job(upstream.url, {})));
    const directJobsSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    await Promise.all(Array.from({ length: 20 }, () => job(`http://127.0.0.1:${port}/api/runflow/call`, headers)));
    const jobsSeconds = (performance.now() - started) / 1000;

    const body = Buffer.alloc(20 * 2 ** 20, 7);
    const baselineRssMb = rssMb(serverPid);
    let peakRssMb = baselineRssMb;
    const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(serverPid))), 10);
    const status = await post(`http://127.0.0.1:${port}/api/runflow/call/v1/upload`, body, headers);
    clearInterval(sampler);
    if (status !== 200) throw new Error(`the upload came back ${status}`);
    return {
      directMedianMs: median(direct),
      proxiedMedianMs: median(through),
      addedMedianMs: median(added),
      addedP95Ms: percentile(added, 95),
      jobs: 20,
      jobsSeconds,
      directJobsSeconds,
      uploadMb: 20,
      baselineRssMb,
      peakRssMb,
      rssGrowthRatio: (peakRssMb - baselineRssMb) / 20,
    };
  } finally {
    child.kill();
    upstream.close();
  }
}
