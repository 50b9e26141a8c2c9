/**
 * The modules beside a registry, imported so that each can register itself: adding an intervention or a metric is
 * then its catalog entry and its implementation module, with no list of imports to keep in step (issue 11's
 * measure). The registry passes its own `import.meta.url`; the folder is read at load time, so the compiled package
 * (`.js`) and the sources run by vitest (`.ts`) find the same modules. `index` and the registry itself are left
 * out: both import the registry, and importing them from it would wait on itself.
 */
import { readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Every value exported by the modules in the folder of `registryUrl`, in file-name order. */
export async function siblingExports(registryUrl: string): Promise<unknown[]> {
  const self = fileURLToPath(registryUrl);
  const folder = join(self, '..');
  const ext = extname(self);
  const skip = new Set([basename(self), `index${ext}`]);
  const files = readdirSync(folder)
    .filter((f) => f.endsWith(ext) && !f.endsWith(`.d${ext}`) && !skip.has(f))
    .sort();
  const modules = await Promise.all(files.map((f) => import(pathToFileURL(join(folder, f)).href) as Promise<Record<string, unknown>>));
  return modules.flatMap((m) => Object.values(m));
}
