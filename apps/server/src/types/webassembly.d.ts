/**
 * The part of the WebAssembly JS API the server uses (tile.compose.ts). Node has it as a global, but neither
 * @types/node nor the ES libs declare it (it lives in lib.dom), and the server does not take the DOM types.
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    /** grows by `pages` of 64 KiB; returns the previous size in pages */
    grow(pages: number): number;
  }
}
