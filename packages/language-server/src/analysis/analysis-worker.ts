/**
 * The analysis thread: compiling a large file takes seconds, and the editor must answer hovers and completions in
 * the meantime, so every compile and format runs here, one job at a time, never on the server's message loop.
 */
import { parentPort } from 'node:worker_threads';
import { analyze, format } from './analyze.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('analysis-worker runs only as a worker thread');

port.on('message', (msg: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = msg.type === 'analyze' ? { id: msg.id, ok: true, analysis: analyze(msg.request) } : { id: msg.id, ok: true, formatted: format(msg.request) };
  } catch (error) {
    reply = { id: msg.id, ok: false, error: (error as Error).message };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
