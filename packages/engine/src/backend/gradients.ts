/**
 * tfjs-core alone registers no gradient functions (the full @tensorflow/tfjs bundle does it for you), and its only
 * copy of them is the per-file ES-module build (`dist/register_all_gradients.js`), whose imports omit the `.js`
 * extension and whose package is not marked as ESM: plain Node cannot load it. A small resolve hook (registered
 * once, only for relative imports inside tfjs-core's dist) adds the extension and marks those files as ES modules.
 * The two copies of tfjs-core share one engine and registry (tfjs keeps them on globalThis, and its Tensor checks
 * are duck-typed), so the registered gradients serve the tensors of the main build. Under vitest, vite resolves them
 * without the hook.
 */
import { register } from 'node:module';

const HOOK = `
export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? '';
  if (parent.includes('/@tensorflow/tfjs-core/dist/') && specifier.startsWith('.') && !specifier.endsWith('.js')) {
    try {
      const r = await next(specifier + '.js', context);
      return { ...r, format: 'module' };
    } catch {}
  }
  const r = await next(specifier, context);
  if (r.url.includes('/@tensorflow/tfjs-core/dist/') && !r.url.endsWith('/tf-core.node.js') && r.url.endsWith('.js')) {
    return { ...r, format: 'module' };
  }
  return r;
}
`;

const FLAG = Symbol.for('plas.tfjsGradientsRegistered');
const g = globalThis as { [FLAG]?: boolean };
if (!g[FLAG]) {
  g[FLAG] = true;
  // Under vitest, vite resolves these files itself. Plain Node (also a child process that a test starts, which
  // inherits vitest's environment variables) needs the hook: so ask for vitest's per-process global, not the env.
  if (!('__vitest_worker__' in globalThis)) register(`data:text/javascript,${encodeURIComponent(HOOK)}`);
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
}
