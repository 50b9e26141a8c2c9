/**
 * The server as an editor sees it: a child process spoken to in JSON-RPC over stdio. Files are real (copies of the
 * repository's example and its preset in a temporary folder), so imports resolve through the file system.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { formatSource } from '@plas/dsl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, positionOf, type InitializeResult, type LspDiagnostic, type Range } from './lsp-client.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const example = readFileSync(join(repo, 'examples/warm-start.plas'), 'utf8');
const preset = readFileSync(join(repo, 'examples/presets/common.plas'), 'utf8');

let dir: string;
let client: LspClient;
let init: InitializeResult;
let version = 1;

const uriOf = (name: string): string => pathToFileURL(join(dir, name)).href;

function open(name: string, text: string): string {
  const uri = uriOf(name);
  writeFileSync(join(dir, name), text);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plas', version: version++, text } });
  return uri;
}

async function openAndCheck(name: string, text: string): Promise<{ uri: string; diagnostics: LspDiagnostic[] }> {
  const uri = uriOf(name);
  const pending = client.nextDiagnostics(uri);
  open(name, text);
  return { uri, diagnostics: (await pending).diagnostics };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plas-lsp-'));
  mkdirSync(join(dir, 'presets'));
  writeFileSync(join(dir, 'presets/common.plas'), preset);
  client = LspClient.start();
  init = await client.initialize(pathToFileURL(dir).href);
}, 60_000);

afterAll(async () => {
  const code = await client?.stop();
  rmSync(dir, { recursive: true, force: true });
  expect(code).toBe(0);
});

describe('the language server over stdio', () => {
  it('announces its features at initialize', () => {
    const caps = init.capabilities;
    for (const key of ['completionProvider', 'hoverProvider', 'definitionProvider', 'documentSymbolProvider', 'documentFormattingProvider', 'codeActionProvider', 'semanticTokensProvider']) {
      expect(caps[key], key).toBeTruthy();
    }
  });

  it('publishes no diagnostic for a valid file that imports a preset', async () => {
    const { diagnostics } = await openAndCheck('valid.plas', example);
    expect(diagnostics).toEqual([]);
  });

  it('publishes a typo at its exact range, with a quick fix that applies the did-you-mean', async () => {
    const text = example.replace('shrink_perturb(shrink', 'shrink_perturbb(shrink');
    const { uri, diagnostics } = await openAndCheck('typo.plas', text);
    expect(diagnostics).toHaveLength(1);
    const d = diagnostics[0]!;
    const start = positionOf(text, 'shrink_perturbb(');
    expect(d.range).toEqual({ start, end: { line: start.line, character: start.character + 'shrink_perturbb'.length } });
    expect(d.code).toBe('unknown-name');
    expect(d.severity).toBe(1);
    expect(d.message).toContain('did you mean `shrink_perturb`?');

    const actions = await client.request<{ title: string; kind: string; edit: { changes: Record<string, { range: Range; newText: string }[]> } }[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } },
    );
    expect(actions).toHaveLength(1);
    expect(actions[0]!.kind).toBe('quickfix');
    expect(actions[0]!.edit.changes[uri]).toEqual([{ range: d.range, newText: 'shrink_perturb' }]);
  });

  it('completes the parameters of shrink_perturb( with their documentation', async () => {
    const text = example.replace('shrink_perturb(shrink: 0.4, perturb: 0.1, noise: fresh_init)', 'shrink_perturb(');
    const uri = open('complete.plas', text);
    const items = await client.request<{ label: string; documentation?: { value: string } }[]>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(text, 'shrink_perturb(', 'shrink_perturb('.length),
    });
    expect(items.map((i) => i.label)).toEqual(['shrink', 'perturb', 'noise']);
    expect(items[0]!.documentation?.value).toContain('[0, 1]');
    expect(items[2]!.documentation?.value).toContain('fresh_init');
  });

  it('completes parameters not yet given, a parameter\'s values, interventions after a trigger, metrics and keywords', async () => {
    const text = example.replace('shrink_perturb(shrink: 0.4, perturb: 0.1, noise: fresh_init)', 'shrink_perturb(shrink: 0.4, noise: ');
    const uri = open('complete2.plas', text);
    const at = (needle: string, delta: number) => client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, needle, delta) });
    const labels = async (needle: string, delta: number) => (await at(needle, delta)).map((i) => i.label);
    expect(await labels('noise: ', 'noise: '.length)).toEqual(['fresh_init', 'gaussian']);
    expect(await labels('0.4, ', '0.4, '.length)).toEqual(['perturb']);
    const interventions = await labels('arm warm: at tune: ', 'arm warm: at tune: '.length);
    expect(interventions).toEqual(expect.arrayContaining(['shrink_perturb', 'redo', 'continual_backprop', 'reset', 'set']));
    const metrics = await labels('measure every 1 epoch: ', 'measure every 1 epoch: '.length);
    expect(metrics).toEqual(expect.arrayContaining(['test.accuracy', 'dead_units', 'effective_rank', 'diagnostics']));
    const statements = await labels('  batch 128', 2);
    expect(statements).toEqual(expect.arrayContaining(['data', 'model', 'stream', 'arm', 'measure', 'quick']));
    const models = await labels('optimizer adam3', 'optimizer '.length);
    expect(models).toEqual(expect.arrayContaining(['adam3', 'adam', 'sgd', 'momentum']));
  });

  it('hovers a catalog name, a parameter, a definition and a number with its unit in steps', async () => {
    const uri = open('hover.plas', example);
    type HoverResult = { contents: { value: string }; range: Range } | null;
    const hover = (needle: string, delta = 0) => client.request<HoverResult>('textDocument/hover', { textDocument: { uri }, position: positionOf(example, needle, delta) });
    const entry = await hover('shrink_perturb(', 2);
    expect(entry?.contents.value).toContain('θ ← λθ + σ·ε');
    expect(entry?.contents.value).toContain('Ash & Adams 2020');
    const param = await hover('perturb: 0.1', 2);
    expect(param?.contents.value).toContain('the noise scale σ');
    const def = await hover('optimizer adam3', 'optimizer '.length + 1);
    expect(def?.contents.value).toContain('optimizer adam3 = adam');
    expect(def?.contents.value).toContain('presets/common.plas:7');
    // Wait for the analysis of this version, then: tune trains on all 2,000 examples, batch 128 → 16 steps per epoch.
    await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri);
    const steps = await hover('150 epochs', 1);
    expect(steps?.contents.value).toContain('2,400 steps');
    expect(steps?.contents.value).toContain('16 steps per epoch');
    const pretrain = await hover('max 100 epochs', 'max '.length);
    expect(pretrain?.contents.value).toContain('800 steps');
  });

  it('goes to the definition of a preset name, an arm, a phase and an import', async () => {
    const uri = open('definition.plas', example);
    await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri);
    type Loc = { uri: string; range: Range } | null;
    const def = (needle: string, delta = 0, nth = 0) => client.request<Loc>('textDocument/definition', { textDocument: { uri }, position: positionOf(example, needle, delta, nth) });
    const presetUri = pathToFileURL(join(dir, 'presets/common.plas')).href;
    expect(await def('optimizer adam3', 'optimizer '.length)).toEqual({ uri: presetUri, range: { start: positionOf(preset, 'adam3 ='), end: positionOf(preset, 'adam3 =', 5) } });
    const fresh = await def('expect fresh', 'expect '.length);
    expect(fresh).toEqual({ uri, range: { start: positionOf(example, 'fresh:'), end: positionOf(example, 'fresh:', 5) } });
    const tune = await def('at tune', 3);
    expect(tune?.range.start).toEqual(positionOf(example, 'phase tune', 'phase '.length));
    expect(await def('"presets/common.plas"', 3)).toEqual({ uri: presetUri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  });

  it('formats the document as plas fmt does', async () => {
    const messy = example.replace('  batch 128', 'batch    128').replace('subset(fraction: 0.5)', 'subset( fraction:0.5 )');
    const uri = open('format.plas', messy);
    const edits = await client.request<{ range: Range; newText: string }[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    expect(edits).toHaveLength(1);
    expect(edits[0]!.newText).toBe(formatSource(messy, 'format.plas').text);
    expect(edits[0]!.newText).toContain('  batch 128\n');
    expect(edits[0]!.newText).toContain('subset(fraction: 0.5)');
  });

  it('outlines the experiment with its stream, phases and arms', async () => {
    const uri = open('outline.plas', example);
    type Sym = { name: string; kind: number; children?: Sym[] };
    const symbols = await client.request<Sym[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const exp = symbols.find((s) => s.name === 'warm_start_gap');
    expect(exp).toBeDefined();
    const names = exp!.children!.map((c) => c.name);
    expect(names).toEqual(['stream', 'fresh', 'warm', 'shrink_perturb']);
    expect(exp!.children![0]!.children!.map((c) => c.name)).toEqual(['pretrain', 'tune']);
  });

  it('returns semantic tokens that mark keywords, library names, parameters, numbers and comments', async () => {
    const uri = open('tokens.plas', example);
    const { data } = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const legend = init.capabilities.semanticTokensProvider!.legend.tokenTypes;
    const decoded: { line: number; char: number; text: string; type: string }[] = [];
    const lines = example.split('\n');
    let line = 0;
    let char = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i]!;
      char = data[i]! === 0 ? char + data[i + 1]! : data[i + 1]!;
      decoded.push({ line, char, text: lines[line]!.slice(char, char + data[i + 2]!), type: legend[data[i + 3]!]! });
    }
    const typeOf = (text: string) => decoded.find((d) => d.text === text)?.type;
    expect(typeOf('experiment')).toBe('keyword');
    expect(typeOf('shrink_perturb')).toBe('variable'); // the arm's name is declared before the intervention is used
    expect(decoded.filter((d) => d.text === 'shrink_perturb').map((d) => d.type)).toEqual(['variable', 'function']);
    expect(typeOf('perturb')).toBe('parameter');
    expect(typeOf('0.99')).toBe('number');
    expect(decoded[0]!.type).toBe('comment');
    expect(typeOf('accuracy')).toBe('function'); // train.accuracy: a metric, though `train` is a keyword
  });

  it('re-checks an open file when a preset it imports changes, without saving', async () => {
    const presetUri = open('presets/common.plas', preset);
    const mainUri = uriOf('importer.plas');
    const clean = client.nextDiagnostics(mainUri);
    open('importer.plas', example);
    expect((await clean).diagnostics).toEqual([]);
    const broken = client.nextDiagnostics(mainUri);
    const edited = preset.replace('optimizer adam3 = adam(lr: 1e-3)', 'optimizer adam4 = adam(lr: 1e-3)');
    client.notify('textDocument/didChange', { textDocument: { uri: presetUri, version: version++ }, contentChanges: [{ text: edited }] });
    const after = await broken;
    expect(after.diagnostics.map((d) => d.code)).toEqual(['unknown-name']);
    expect(after.diagnostics[0]!.message).toContain('adam3');
    client.notify('textDocument/didClose', { textDocument: { uri: presetUri } });
  });

  it('reports a self-import and a missing preset as diagnostics', async () => {
    const self = await openAndCheck('self.plas', `import "self.plas"\n${example.replace('import "presets/common.plas"', '')}`);
    expect(self.diagnostics.map((d) => d.code)).toContain('import-cycle');
    const missing = await openAndCheck('missing.plas', example.replace('presets/common.plas', 'presets/nowhere.plas'));
    const d = missing.diagnostics.find((x) => x.code === 'import-missing');
    expect(d?.range.start).toEqual(positionOf(example, 'import "presets'));
  });

  it('stays responsive on random bytes and on a 1,000,000-line file, and never crashes', async () => {
    const bytes = Buffer.alloc(200_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    const random = await openAndCheck('random.plas', bytes.toString('latin1'));
    expect(random.diagnostics.map((d) => d.code)).toEqual(['bad-encoding']);
    const huge = await openAndCheck('huge.plas', '  arm a: at tune: shrink_perturb(shrink: 0.4, perturb: 0.1)\n'.repeat(1_000_000));
    expect(huge.diagnostics.map((d) => d.code)).toEqual(['file-too-large']);
    // Requests on the huge file are bounded to the lines around the position (they answer; the time is not asserted).
    const h = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: huge.uri },
      position: { line: 654_321, character: 22 },
    });
    expect(h?.contents.value).toContain('θ ← λθ + σ·ε');
    const items = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri: huge.uri }, position: { line: 999_999, character: 35 } });
    // Inside `shrink` of `shrink_perturb(shrink: 0.4, perturb: 0.1)`: the key being typed and the one not given.
    expect(items.map((i) => i.label)).toEqual(['shrink', 'noise']);
    // Typing in the huge file while another file is checked: the other still gets its diagnostics.
    client.notify('textDocument/didChange', { textDocument: { uri: huge.uri, version: version++ }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] });
    const after = await openAndCheck('after.plas', example.replace('adam3', 'adam33'));
    expect(after.diagnostics.map((d) => d.code)).toEqual(['unknown-name']);
    expect(client.child.exitCode).toBeNull();
  });

  it('answers a cancelled request with RequestCancelled or a result, and keeps serving', async () => {
    const uri = open('cancel.plas', example);
    const { id, response } = client.send('textDocument/semanticTokens/full', { textDocument: { uri } });
    client.notify('$/cancelRequest', { id });
    const m = await response;
    expect(m.error === undefined || m.error.code === -32800).toBe(true);
    const items = await client.request<unknown[]>('textDocument/completion', { textDocument: { uri }, position: positionOf(example, 'measure every 1 epoch: ', 'measure every 1 epoch: '.length) });
    expect(items.length).toBeGreaterThan(0);
  });
});
