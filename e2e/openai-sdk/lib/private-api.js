// A second API process from the jar the build made, on a free port, against the same PostgreSQL, Redis and S3 as
// the stack under test (the stack's workers do its jobs), with settings of its own: small upload limit, tight rate
// limit, its own keys. Stopped by the test that started it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const REPO = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
const JAR = path.join(REPO, 'src', 'target', 'quarkus-app', 'quarkus-run.jar');

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivateApi(settings) {
  if (!fs.existsSync(JAR)) throw new Error(`${JAR} is missing: build the services first`);
  const port = await freePort();
  const logFile = path.join(REPO, 'e2e', 'target', `openai-sdk-private-api-${port}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  // the stack's own settings (where PostgreSQL, Redis and S3 are), then this process's
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => /^(QUARKUS|STT)_/.test(name)));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...inherited, QUARKUS_HTTP_PORT: String(port),
    QUARKUS_LOG_CONSOLE_JSON_ENABLED: 'false', ...settings };
  const child = spawn('java', ['-Xmx256m', '-jar', JAR], { env, stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const ready = await fetch(`${url}/q/health/ready`);
      if (ready.status === 200) return { url, stop: () => stop(child), logFile };
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  await stop(child);
  throw new Error(`the private API did not become ready; see ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
