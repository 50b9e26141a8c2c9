/** Messages between the server and its analysis thread. */
import type { Analysis, AnalyzeRequest, FormatRequest } from './analyze.ts';

export type WorkerRequest = { id: number; type: 'analyze'; request: AnalyzeRequest } | { id: number; type: 'format'; request: FormatRequest };

export type WorkerReply =
  | { id: number; ok: true; analysis: Analysis }
  | { id: number; ok: true; formatted: string | null }
  | { id: number; ok: false; error: string };
