// Splits the page's wasm in two (issue #4: the first load): a primary module with the functions
// the first load runs, loaded by the page, and the rest, loaded when something first needs it.
// The technique is binaryen's wasm-split (as Emscripten uses it), written with binaryen.js here
// because the npm package ships no wasm-split binary:
//   - every function of the rest keeps, in the primary, a stub of its own name and signature that
//     makes sure the rest is loaded (`__split.load`, index.html) and calls the real body through
//     `__split_table`, a table the rest fills when it is instantiated;
//   - the rest imports from the primary its memory, tables, globals and the functions its bodies
//     call; the primary exports them under short names (m, t<i>, g<i>, f<i>);
//   - the function table's elements and the exports stay in the primary only; so does the
//     static data, but for what the primary's code cannot reach when the linker's map says
//     where each static lies (scripts/split-data.mjs): that goes to the rest's data segments.
// Which functions the first load runs is a profile, scripts/first-load-functions.txt, written by
// `scripts/size-profile --write`; names are matched whole (the legacy mangling's `::h<hash>` tells
// generic instances apart, and Cargo hashes a path package's id relative to its workspace, so
// a clone elsewhere gets the same names) but for the `.<index>` binaryen adds to a name it has
// seen before, and functions without a name (made by wasm-opt) stay in the primary.
//
// Usage: node scripts/split-wasm.mjs NAMED.wasm PROFILE PRIMARY.wasm REST.wasm [MAP]
//   NAMED.wasm  the optimised module with its name section (wasm-opt -g)
//   MAP         the linker's map of the build (wasm-ld --Map): splits the static data too
// SPLIT_WASM_NAMES=1 keeps the names in both parts (for a stack trace that names functions).
// Prints the sizes; exits 1 (writing nothing) if either module does not validate.
import fs from 'node:fs';

import { pathToFileURL } from 'node:url';

import * as data from './split-data.mjs';

const root = new URL('..', import.meta.url).pathname;
const binaryen = (await import(`${root}node_modules/binaryen/index.js`)).default;
/** The wasm features the page's module uses (what Chromium runs; binaryen's `All` is more). */
export const features = (() => {
  const F = binaryen.Features;
  return F.MutableGlobals | F.NontrappingFPToInt | F.BulkMemory | F.SignExt | F.ReferenceTypes | F.Multivalue | F.BulkMemoryOpt;
})();

/** A function's name as the profile lists it: without binaryen's `.<index>` for duplicates. */
export const profileName = (name) => name.replace(/\.[0-9]+$/, '');
/** A name without the legacy mangling's `::h<hash>`. */
const withoutHash = (name) => name.replace(/::h[0-9a-f]{16}$/, '');

/**
 * Splits NAMED (bytes) by the PROFILE (a set of profile names): { primary, rest, kept, moved,
 * imported, data }. With `names`, both parts keep their name sections (to read a stack trace).
 * With `map` (the text of the linker's map of the same build), the static data the primary's
 * code cannot reach goes to the rest too (scripts/split-data.mjs); without, all of it stays.
 */
export function split(named, profile, { names = false, map = null } = {}) {
  const read = () => {
    const mod = binaryen.readBinary(named);
    mod.setFeatures(features);
    return mod;
  };

  // Which defined functions stay (K) and which go to the rest (S, each with its slot).
  const source = read();
  const keep = [];
  const rest = [];
  const defined = [];
  for (let i = 0; i < source.getNumFunctions(); i++) {
    const info = binaryen.getFunctionInfo(source.getFunctionByIndex(i));
    if (!info.module) defined.push({ name: info.name, params: info.params, results: info.results });
  }
  // A profile name this build lacks has most likely changed its hash only (a generic instance
  // whose type changed, say): every function of the same name without the hash stays then.
  const present = new Set(defined.map((f) => profileName(f.name)));
  const rehashed = new Set([...profile].filter((name) => !present.has(name)).map(withoutHash));
  for (const fn of defined) {
    const name = profileName(fn.name);
    const stays = /^[0-9]+$/.test(fn.name) || profile.has(name) || rehashed.has(withoutHash(name));
    (stays ? keep : rest).push(fn);
  }
  const globals = [];
  for (let i = 0; i < source.getNumGlobals(); i++) {
    const info = binaryen.getGlobalInfo(source.getGlobalByIndex(i));
    if (!info.module) globals.push(info);
  }
  const tables = [];
  for (let i = 0; i < source.getNumTables(); i++) {
    const info = binaryen.getTableInfo(source.getTableByIndex(i));
    if (!info.module) tables.push(info);
  }
  const memory = source.getMemoryInfo();
  const image = data.memoryImage(source);
  const exports = [];
  for (let i = 0; i < source.getNumExports(); i++) exports.push(binaryen.getExportInfo(source.getExportByIndex(i)));
  const memoryExport = exports.find((e) => e.kind === binaryen.ExternalMemory);
  const elements = [];
  for (let i = 0; i < source.getNumElementSegments(); i++) elements.push(binaryen.getElementSegmentInfo(source.getElementSegmentByIndex(i)).name);
  source.dispose();
  if (!memoryExport) throw new Error('split-wasm: the module exports no memory');

  // The rest: every body of S; everything else imported from the primary.
  const second = read();
  for (const e of exports) second.removeExport(e.name);
  for (const name of elements) second.removeElementSegment(name);
  second.setMemory(memory.initial, memory.max ?? -1, null, [], memory.shared, memory.is64, memoryExport.value);
  second.addMemoryImport(memoryExport.value, 'primary', 'm', memory.shared);
  tables.forEach((t, i) => second.addTableImport(t.name, 'primary', `t${i}`));
  globals.forEach((g, i) => {
    second.removeGlobal(g.name);
    second.addGlobalImport(g.name, 'primary', `g${i}`, g.type, g.mutable);
  });
  keep.forEach((f, i) => {
    second.removeFunction(f.name);
    second.addFunctionImport(f.name, 'primary', `f${i}`, f.params, f.results);
  });
  second.addTable('__split_table', rest.length, rest.length, binaryen.funcref);
  second.addTableImport('__split_table', 'primary', '__split_table');
  second.addActiveElementSegment('__split_table', '__split_elements', rest.map((f) => f.name), second.i32.const(0));
  second.runPasses(['remove-unused-module-elements']);
  const needed = new Set();
  for (let i = 0; i < second.getNumFunctions(); i++) {
    const info = binaryen.getFunctionInfo(second.getFunctionByIndex(i));
    if (info.module === 'primary') needed.add(info.base);
  }
  if (!second.validate()) throw new Error('split-wasm: the rest does not validate');

  // The primary: S's bodies become stubs; what the rest imports is exported.
  const first = read();
  first.addTable('__split_table', rest.length, rest.length, binaryen.funcref);
  first.addTableExport('__split_table', '__split_table');
  first.addGlobal('__split_loaded', binaryen.i32, true, first.i32.const(0));
  first.addGlobalExport('__split_loaded', '__split_loaded');
  first.addFunctionImport('__split_load', '__split', 'load', binaryen.none, binaryen.none);
  first.addFunction('__split_ensure', binaryen.none, binaryen.none, [],
    first.if(first.i32.eqz(first.global.get('__split_loaded', binaryen.i32)), first.call('__split_load', [], binaryen.none)));
  rest.forEach((f, slot) => {
    const args = binaryen.expandType(f.params).map((type, i) => first.local.get(i, type));
    first.removeFunction(f.name);
    first.addFunction(f.name, f.params, f.results, [], first.block(null, [
      first.call('__split_ensure', [], binaryen.none),
      first.call_indirect('__split_table', first.i32.const(slot), args, f.params, f.results),
    ], f.results));
  });
  first.addMemoryExport(memoryExport.value, 'm');
  tables.forEach((t, i) => first.addTableExport(t.name, `t${i}`));
  globals.forEach((g, i) => first.addGlobalExport(g.name, `g${i}`));
  keep.forEach((f, i) => { if (needed.has(`f${i}`)) first.addFunctionExport(f.name, `f${i}`); });
  // Stubs nothing in the primary calls (the rest calls its own functions directly) go.
  first.runPasses(['remove-unused-module-elements']);
  const setMemory = (mod, parts) =>
    mod.setMemory(memory.initial, memory.max ?? -1, null, data.forBinaryen(mod, parts), memory.shared, memory.is64, memoryExport.value);
  const staticData = { kept: 0, moved: 0, statics: [], stays: new Set() };
  if (map) {
    const list = data.statics(map, image);
    data.checkMap(list, image);
    setMemory(first, []);
    const stays = data.reachable(list, image, first.emitText());
    Object.assign(staticData, { statics: list, stays });
    const kept = data.segments(list, (i) => stays.has(i), image);
    const moved = data.segments(list, (i) => !stays.has(i), image);
    setMemory(first, kept);
    setMemory(second, moved);
    second.addMemoryImport(memoryExport.value, 'primary', 'm', memory.shared);
    for (const p of kept) staticData.kept += p.data.length;
    for (const p of moved) staticData.moved += p.data.length;
    if (!second.validate()) throw new Error('split-wasm: the rest does not validate (with its data)');
  } else {
    for (let a = 0; a < image.length; a++) if (image[a] !== 0) staticData.kept++;
  }
  if (!first.validate()) throw new Error('split-wasm: the primary does not validate');

  binaryen.setDebugInfo(names);
  const result = { primary: first.emitBinary(), rest: second.emitBinary(), kept: keep.length, moved: rest.length, imported: needed.size, data: staticData };
  first.dispose();
  second.dispose();
  return result;
}

/** The profile file's names: one per line, `#` comments. */
export const readProfile = (path) =>
  new Set(fs.readFileSync(path, 'utf8').split('\n').filter((line) => line && !line.startsWith('#')));

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [namedPath, profilePath, primaryPath, restPath, mapPath] = process.argv.slice(2);
  if (!restPath) {
    console.error('usage: node scripts/split-wasm.mjs NAMED.wasm PROFILE PRIMARY.wasm REST.wasm [MAP]');
    process.exit(2);
  }
  const map = mapPath ? fs.readFileSync(mapPath, 'utf8') : null;
  const out = split(fs.readFileSync(namedPath), readProfile(profilePath), { names: process.env.SPLIT_WASM_NAMES === '1', map });
  fs.writeFileSync(primaryPath, out.primary);
  fs.writeFileSync(restPath, out.rest);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`split-wasm: ${out.kept} functions in the primary (${kb(out.primary.length)}), ${out.moved} in the rest (${kb(out.rest.length)}); the rest imports ${out.imported} of the primary's; static data ${kb(out.data.kept)} in the primary, ${kb(out.data.moved)} in the rest`);
}
