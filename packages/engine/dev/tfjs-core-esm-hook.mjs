/**
 * Development only (never shipped): lets plain Node load tfjs-core's per-file ES-module build, whose relative
 * imports omit `.js` in a package that is not marked as ESM. Used with `--import` by Plas's own source-mode entry
 * points (a worker forked from the workspace sources, dev scripts); the compiled engine bundles those modules
 * instead (see src/backend/gradients.ts). The hook acts only on files inside tfjs-core's dist folder.
 */
import { register } from 'node:module';

const HOOK = `
export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? '';
  if (parent.includes('/@tensorflow/tfjs-core/dist/') && specifier.startsWith('.') && !specifier.endsWith('.js')) {
    for (const candidate of [specifier + '.js', specifier + '/index.js']) {
      try {
        const r = await next(candidate, context);
        return { ...r, format: 'module' };
      } catch {}
    }
  }
  const r = await next(specifier, context);
  if (r.url.includes('/@tensorflow/tfjs-core/dist/') && !r.url.endsWith('/tf-core.node.js') && r.url.endsWith('.js')) {
    return { ...r, format: 'module' };
  }
  return r;
}
`;

register(`data:text/javascript,${encodeURIComponent(HOOK)}`);
