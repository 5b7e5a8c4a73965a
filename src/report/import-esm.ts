// Loads an ES module by name at run time, from both podsim builds. TypeScript compiles `import()`
// in the CommonJS build into `require()`, which cannot load ESM-only packages (vega, vega-lite) on
// Node before 20.19; a function made at run time keeps a real dynamic `import()`, resolved from
// this file's location. Inside a vm context without an import hook (test runners such as
// vitest), that throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING, and the runner's own `import()`
// is used instead.
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/**
 * Imports an ES module by name from either build (see the comment at the top of this file).
 *
 * @internal
 * @example
 * ```ts
 * const vega = await importEsm<typeof import('vega')>('vega');
 * ```
 */
export async function importEsm<T>(specifier: string): Promise<T> {
  try {
    return (await dynamicImport(specifier)) as T;
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING') throw e;
    return (await import(specifier)) as T;
  }
}
