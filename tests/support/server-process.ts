/**
 * A server as its own process, for the resilience tests and the bench: `node --import tsx <script>` (not the tsx
 * CLI, so the pid is the server itself: the one to kill, or whose RSS to read), ready once /healthz answers 200.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  stderr: () => string;
  exited: Promise<void>;
}

export async function startServerProcess(script: string, port: number, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server = { child, base: `http://127.0.0.1:${port}`, stderr: () => stderr, exited };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${script} exited (${child.exitCode ?? child.signalCode}):\n${stderr}`);
    try {
      const res = await fetch(`${server.base}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${script} did not answer /healthz on ${port} within ${timeoutMs / 1000} s:\n${stderr}`);
}

/** The n-th distinct client address (10.x.y.z): each post counts once against the per-address limit. */
export const clientAddress = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/** A TCP port free on 127.0.0.1 right now, for a server process of a test. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
