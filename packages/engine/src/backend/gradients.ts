/**
 * Registers tfjs-core's gradient functions, which tfjs-core alone does not do (the full @tensorflow/tfjs bundle
 * does it for you). Their only copy is tfjs-core's per-file ES-module build (`dist/register_all_gradients.js`),
 * whose relative imports omit the `.js` extension in a package not marked as ESM: plain Node cannot load it.
 *
 * How each way of running gets it, without touching the module resolution of the process that imports Plas:
 * - Published (compiled) engine: the build replaces this file's output with a bundle of those modules made by
 *   esbuild (`scripts/bundle-gradients.mjs`), which imports only the public `@tensorflow/tfjs-core` entry.
 * - vitest: vite resolves the extensionless imports itself.
 * - Workspace sources run by plain Node + tsx (a source-mode worker, dev scripts): Plas's own entry points add
 *   `dev/tfjs-core-esm-hook.mjs` with `--import`; importing the engine never installs a hook.
 * The bundled copy shares tfjs's engine and registries with the main build (tfjs keeps them on globalThis, and its
 * Tensor checks are duck-typed), so the gradients registered here serve the main build's tensors.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
