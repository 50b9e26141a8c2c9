/**
 * A minimal LSP client for tests, written against the protocol rather than a client library: it starts a server
 * process, frames JSON-RPC messages with Content-Length headers on its stdin and parses its stdout.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Message {
  jsonrpc: '2.0';
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** `node --conditions=source --import tsx src/bin.ts --stdio`: the server from its sources, as in every package test. */
export function sourceServerCommand(): { command: string; args: string[]; cwd: string } {
  return { command: process.execPath, args: ['--conditions=source', '--import', 'tsx', 'src/bin.ts', '--stdio'], cwd: packageRoot };
}

export class LspClient {
  readonly notifications: Message[] = [];
  readonly stderr: string[] = [];
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, (m: Message) => void>();
  private listeners: ((m: Message) => void)[] = [];
  private exited: Promise<number | null>;

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static start(command = sourceServerCommand()): LspClient {
    return new LspClient(spawn(command.command, command.args, { cwd: command.cwd, stdio: 'pipe' }));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (!Number.isFinite(length)) throw new Error(`bad header from the server: ${header}`);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(m: Message): void {
    if (m.id !== undefined && m.method === undefined) {
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
      return;
    }
    if (m.id !== undefined && m.method !== undefined) {
      // A request from the server (e.g. workspace/configuration): answer with nothing.
      this.write({ jsonrpc: '2.0', id: m.id, result: null });
      return;
    }
    this.notifications.push(m);
    for (const l of this.listeners) l(m);
  }

  private write(m: Message): void {
    const body = Buffer.from(JSON.stringify(m), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  /** Sends a request; returns its id and the response. */
  send(method: string, params: unknown): { id: number; response: Promise<Message> } {
    const id = this.nextId++;
    const response = new Promise<Message>((resolve) => this.pending.set(id, resolve));
    this.write({ jsonrpc: '2.0', id, method, params });
    return { id, response };
  }

  async request<T>(method: string, params: unknown, timeoutMs = 30_000): Promise<T> {
    const { response } = this.send(method, params);
    const m = await withTimeout(response, timeoutMs, `${method} got no response in ${timeoutMs} ms; server stderr:\n${this.stderr.join('')}`);
    if (m.error) throw new Error(`${method} failed: ${m.error.message}`);
    return m.result as T;
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** The first notification (already received or future) that matches. */
  waitFor(predicate: (m: Message) => boolean, timeoutMs = 30_000, what = 'a notification'): Promise<Message> {
    const seen = this.notifications.find(predicate);
    if (seen) return Promise.resolve(seen);
    return withTimeout(
      new Promise<Message>((resolve) => {
        const l = (m: Message): void => {
          if (predicate(m)) {
            this.listeners = this.listeners.filter((x) => x !== l);
            resolve(m);
          }
        };
        this.listeners.push(l);
      }),
      timeoutMs,
      `timed out waiting for ${what}; server stderr:\n${this.stderr.join('')}`,
    );
  }

  /** Diagnostics published for `uri` after this call (optionally for a given document version). */
  nextDiagnostics(uri: string, version?: number, timeoutMs = 30_000): Promise<PublishDiagnostics> {
    const from = this.notifications.length;
    return this.waitFor(
      (m) => {
        const p = m.params as PublishDiagnostics | undefined;
        return this.notifications.indexOf(m) >= from && m.method === 'textDocument/publishDiagnostics' && p?.uri === uri && (version === undefined || p.version === version);
      },
      timeoutMs,
      `diagnostics for ${uri}`,
    ).then((m) => m.params as PublishDiagnostics);
  }

  async initialize(rootUri: string | null = null, initializationOptions: unknown = {}): Promise<InitializeResult> {
    const result = await this.request<InitializeResult>('initialize', { processId: process.pid, rootUri, capabilities: {}, initializationOptions });
    this.notify('initialized', {});
    return result;
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    await this.request('shutdown', null, 10_000).catch(() => undefined);
    this.notify('exit', null);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface LspDiagnostic {
  range: Range;
  severity: number;
  code: string;
  message: string;
  data?: { fix?: { message: string; replacement?: string } };
}

export interface PublishDiagnostics {
  uri: string;
  version?: number;
  diagnostics: LspDiagnostic[];
}

export interface InitializeResult {
  capabilities: Record<string, unknown> & { semanticTokensProvider?: { legend: { tokenTypes: string[] } } };
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

/** The LSP position (0-based) of the `nth` occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`\`${needle}\` not found`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
