// Where the bytes of a wasm module go (issue 16): the code section summed per
// function and attributed to the static archive (and, for the core, the
// shared/<dir>) that defines each symbol, nlohmann::json and other std::
// template instantiations across archives, and the data section's segments.
// Needs a link with names: the seimbang-web link command plus --profiling-funcs
// (docs/CLIENT.md "Where the bytes are"). twiggy and wabt are not packaged.
// Run: node bench/web/wasm_sizes.mjs <module.wasm> <build/wasm> [--all] [--only FILE]
// (prints one JSON line last; --all lists every object file, else the 25 largest
// of each library; --only counts only the functions FILE names, one a line: the
// second module's, from `wasm-split --verbose` on the named link, see
// docs/CLIENT.md "What the second module is made of")
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';

const [wasmPath, buildDir] = process.argv.slice(2);
const TOP = process.argv.includes('--all') ? 1e9 : 25;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt < 0 ? null : new Set(readFileSync(process.argv[onlyAt + 1], 'utf8').split('\n').filter(Boolean));
const buf = readFileSync(wasmPath);
let p = 8;
function leb() { let r = 0, s = 0, b; do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return r; }
const sections = {};
let importedFuncs = 0, bodies = [], bodyAt = [], names = new Map(), dataSegments = [];
while (p < buf.length) {
  const id = buf[p++], size = leb(), start = p, end = p + size;
  let name = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'][id] || String(id);
  if (id === 0) { const n = leb(); name = 'custom:' + buf.toString('utf8', p, p + n); p += n; }
  sections[name] = (sections[name] || 0) + size;
  if (id === 2) {
    for (let i = 0, n = leb(); i < n; i++) {
      p += leb(); p += leb(); const kind = buf[p++];
      if (kind === 0) { leb(); importedFuncs++; } else if (kind === 1) { p++; const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); } else if (kind === 3) { p += 2; } else if (kind === 4) { p++; leb(); }
    }
  } else if (id === 10) {
    for (let i = 0, n = leb(); i < n; i++) { const s = leb(); bodies.push(s); bodyAt.push(p); p += s; }
  } else if (id === 11) {
    for (let i = 0, n = leb(); i < n; i++) {
      const flags = leb();
      if (flags === 2) leb();
      if (flags !== 1) { while (buf[p] !== 0x0b) p++; p++; }
      const s = leb(); dataSegments.push(s); p += s;
    }
  } else if (name === 'custom:name') {
    while (p < end) {
      const sub = buf[p++], ss = leb(), se = p + ss;
      if (sub === 1) for (let i = 0, n = leb(); i < n; i++) { const idx = leb(), l = leb(); names.set(idx, buf.toString('utf8', p, p + l)); p += l; }
      p = se;
    }
  }
  p = end;
}

// Mangled symbol -> the archive member that defines it.
const archives = execFileSync('sh', ['-c', `cd ${buildDir} && ninja -t commands seimbang-web | tail -1`], { encoding: 'utf8' })
  .split(/\s+/).filter((a) => a.endsWith('.a')).map((a) => (a.startsWith('/') ? a : join(buildDir, a)));
const owner = new Map();
for (const a of archives) {
  const short = relative(buildDir, a).replace(/^.*\.deps\//, '.deps/');
  let member = '';
  for (const line of execFileSync('llvm-nm', ['--defined-only', '--demangle', a], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n')) {
    if (line.endsWith(':')) { member = line.slice(0, -1); continue; }
    const m = line.match(/^\S*\s+[TtWw]\s+(.+)$/);
    if (m && !owner.has(m[1])) owner.set(m[1], { archive: short, member });
  }
}
const byArchive = {}, byCoreDir = {}, byApp = {}, byUi = {}, archiveBodies = {};
let nlohmann = 0, otherStd = 0;
const add = (o, k, n) => { o[k] = (o[k] || 0) + n; };
let counted = 0;
bodies.forEach((size, i) => {
  const name = names.get(importedFuncs + i) || '';
  if (only && !only.has(name)) return;
  counted++;
  const own = owner.get(name);
  // Template code by the function's own qualified name (after a simple return
  // type): nlohmann::json's, and std:: templates instantiated over it, vs other std::.
  const q = name.replace(/^(void|bool|int|unsigned int|unsigned long|long long|double|char|auto) /, '');
  const qualified = q.slice(0, q.indexOf('(') < 0 ? q.length : q.indexOf('('));
  if (q.startsWith('nlohmann::') || (q.startsWith('std::') && qualified.includes('nlohmann'))) nlohmann += size;
  else if (q.startsWith('std::')) otherStd += size;
  const archive = own ? own.archive : '(runtime: libc, libc++, Emscripten)';
  add(byArchive, archive, size);
  (archiveBodies[archive] ||= []).push(buf.subarray(bodyAt[i], bodyAt[i] + size));
  if (!own) return;
  if (own.archive.includes('seimbang_core')) add(byCoreDir, own.member.replace(/\.cpp\.o$/, ''), size);
  if (own.archive.includes('seimbang_app')) add(byApp, own.member.replace(/\.cpp\.o$/, ''), size);
  if (own.archive.includes('seimbang_ui')) add(byUi, own.member.replace(/\.cpp\.o$/, ''), size);
});
// Each archive's code compressed on its own (Brotli 11, as served): a rough share
// of the download (the whole file compresses a little better than the sum).
const brotli = (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 } }).length;
const codeBrotli = {};
for (const [a, list] of Object.entries(archiveBodies)) codeBrotli[a] = brotli(Buffer.concat(list));
const sorted = (o, n = 1e9) => Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1]).slice(0, n));
const segs = [...dataSegments].sort((a, b) => b - a);
const out = {
  file_bytes: buf.length, sections: sorted(sections), functions: bodies.length, functions_counted: counted,
  code_by_archive: sorted(byArchive), code_brotli_by_archive: sorted(codeBrotli), core_objects_top: sorted(byCoreDir, TOP), app_objects_top: sorted(byApp, TOP),
  ui_objects_top: sorted(byUi, TOP), nlohmann_json_code: nlohmann, other_std_template_code: otherStd,
  data_segments: segs.length, data_largest: segs.slice(0, 5),
};
console.log(JSON.stringify(out));
