import { inflateSync } from 'node:zlib';

/**
 * Reads back the text of a PDF written by PDFKit, page by page, for tests. PDFKit writes embedded-font text as
 * hex glyph ids of the font subset; each font carries a /ToUnicode CMap (bfrange arrays), so the text is recovered
 * the way a viewer's copy & paste does: content stream → font resource → CMap → Unicode. Only what PDFKit emits is
 * understood (indirect objects, FlateDecode streams, `Tf` and hex-string `TJ`/`Tj`), which is all these tests need.
 */
export function pdfPages(pdf: Buffer): string[] {
  const src = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const objRe = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = objRe.exec(src); m; m = objRe.exec(src)) {
    const body = m[2]!;
    const s = body.indexOf('stream');
    if (s < 0) {
      objects.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const start = m.index + m[0].indexOf(body) + s + 'stream'.length + (body[s + 6] === '\r' ? 2 : 1);
    const end = src.lastIndexOf('endstream', m.index + m[0].length);
    let raw = pdf.subarray(start, end);
    if (raw.at(-1) === 0x0a) raw = raw.subarray(0, -1);
    const dict = body.slice(0, s);
    objects.set(Number(m[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
  }
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const cmaps = new Map<number, Map<number, string>>();
  const cmapOf = (fontObj: number) => {
    let map = cmaps.get(fontObj);
    if (!map) {
      map = parseCmap(objects.get(ref(objects.get(fontObj)!.dict, 'ToUnicode'))!.stream!.toString('latin1'));
      cmaps.set(fontObj, map);
    }
    return map;
  };

  const catalog = [...objects.values()].find((o) => /\/Type \/Pages/.test(o.dict))!;
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(catalog.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) =>
    Number(k[1]),
  );
  return kids.map((pageObj) => {
    const page = objects.get(pageObj)!.dict;
    const resources = objects.get(ref(page, 'Resources'))!.dict;
    const fonts = new Map(
      [...(/\/Font <<([^>]*)>>/.exec(resources)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)].map((f) => [
        f[1]!,
        Number(f[2]),
      ]),
    );
    const content = objects.get(ref(page, 'Contents'))!.stream!.toString('latin1');
    let text = '';
    let cmap: Map<number, string> | null = null;
    const tokenRe = /\/(\w+) [\d.]+ Tf|<([0-9a-fA-F\s]*)>|\bET\b/g;
    for (let t = tokenRe.exec(content); t; t = tokenRe.exec(content)) {
      if (t[1] !== undefined) {
        const font = fonts.get(t[1]);
        cmap = font === undefined ? null : cmapOf(font);
      } else if (t[2] !== undefined && cmap) {
        const hex = t[2].replace(/\s/g, '');
        for (let i = 0; i < hex.length; i += 4) text += cmap.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
      } else if (t[0] === 'ET') text += '\n';
    }
    return text;
  });
}

/** `<start> <end> [<u1> <u2> …]` ranges as PDFKit writes them (one array entry per code, UTF-16BE). */
function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const range of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
    const first = Number.parseInt(range[1]!, 16);
    [...range[3]!.matchAll(/<([0-9a-f ]+)>/gi)].forEach((u, i) => {
      const units = u[1]!.split(' ').map((h) => Number.parseInt(h, 16));
      map.set(first + i, String.fromCharCode(...units));
    });
  }
  return map;
}
