import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
// @ts-expect-error the build script is plain JavaScript without declarations
import { compileWat, generatedPath, watSources } from '../../../../../../scripts/build-wasm.mjs';

describe('WebAssembly kernels', () => {
  test('every committed .wasm.ts module is its .wat source compiled (run `npm run build:wasm` after an edit)', async () => {
    const sources: string[] = watSources();
    expect(sources.length).toBeGreaterThan(0);
    for (const wat of sources) {
      const name = wat.split('/').pop()!;
      expect(readFileSync(generatedPath(wat), 'utf8'), name).toBe(await compileWat(name, readFileSync(wat, 'utf8')));
    }
  });
});
