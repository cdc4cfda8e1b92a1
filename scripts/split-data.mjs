// The data half of the wasm split (scripts/split-wasm.mjs): which of the module's static data
// the primary's code can reach, so that the rest of it is written into memory by the rest
// module when that is instantiated, and the first load does not carry it.
//
// Where each static lies comes from the linker's map (wasm-ld --Map, asked for by build.rs):
// its input sections, one per static (rustc puts each in a section of its own), and the merged
// C strings, which the linker pools into one `<internal>` section and which are split here at
// their nulls (a pooled string is read up to its null, so the run between two nulls is a whole
// string, or several when the linker merged a tail: kept whole either way).
//
// A static stays in the primary when
//   - the primary's code has an `i32.const` inside it, or just past its end (an end pointer:
//     where another static starts, only when added to something, as an index counting up to
//     0 from minus the length),
//     or an `i64.const` with either half so (two stores the compiler merged into one);
//   - a load or store of the primary has an `offset=` within 1 KB before it (an indexed
//     access whose base the compiler folded, as `table[i - 1]` becomes `offset=table-4`, or a
//     switch table indexed from its smallest case);
//   - a static that stays holds a pointer into it (an aligned word inside it).
// The rest can still read what stays: it shares the primary's memory.
/** How far before a static a folded `offset=` may point (bytes). */
const FOLDED_BIAS = 1024;
/** A zero run this long inside a part splits its segment (a segment costs about 8 bytes). */
const ZERO_RUN = 24;

/**
 * The statics of the map's DATA section: [{ addr, size, name }], in address order, the pooled
 * strings split at their nulls. `image` is the module's memory as its data segments write it.
 */
export function statics(mapText, image) {
  const found = [];
  let inData = false;
  for (const line of mapText.split('\n')) {
    const m = /^ +([0-9a-f]+|-) +([0-9a-f]+) +([0-9a-f]+) (.*)$/.exec(line);
    if (!m) continue;
    const indent = /^ */.exec(m[4])[0].length;
    const name = m[4].trim();
    if (indent === 0) {
      // An output section: DATA, then its segments .rodata, .data, .bss (zeroes: not in the image).
      if (name === 'DATA') inData = true;
      else if (name === '.bss' || !name.startsWith('.')) inData = false;
      continue;
    }
    if (!inData || indent !== 8 || m[1] === '-') continue;
    found.push({ addr: parseInt(m[1], 16), size: parseInt(m[3], 16), name });
  }
  const out = [];
  for (const s of found) {
    const end = s.addr + s.size;
    if (!s.name.startsWith('<internal>') || s.size === 0 || image[end - 1] !== 0) {
      out.push(s);
      continue;
    }
    let start = s.addr;
    for (let a = s.addr; a < end; a++) {
      if (image[a] === 0) {
        out.push({ addr: start, size: a + 1 - start, name: s.name });
        start = a + 1;
      }
    }
  }
  return out.sort((a, b) => a.addr - b.addr);
}

/** The memory image the module's active data segments write (throws on a passive one). */
export function memoryImage(mod) {
  const segments = [];
  let top = 0;
  for (let i = 0; i < mod.getNumDataSegments(); i++) {
    const s = mod.getDataSegmentInfo(mod.getDataSegmentByIndex(i));
    if (s.passive) throw new Error('split-data: a passive data segment (not handled)');
    segments.push(s);
    top = Math.max(top, s.offset + s.data.byteLength);
  }
  const image = new Uint8Array(top);
  for (const s of segments) image.set(new Uint8Array(s.data), s.offset);
  return image;
}

/** For a sorted list of statics: the index of the last one starting at or before an address (-1 if none). */
function lastStartingBy(list) {
  const starts = list.map((s) => s.addr);
  return (a) => {
    let l = 0;
    let h = starts.length - 1;
    let r = -1;
    while (l <= h) {
      const m = (l + h) >> 1;
      if (starts[m] <= a) { r = m; l = m + 1; } else h = m - 1;
    }
    return r;
  };
}

/** For a sorted list of statics: the index of the one holding an address (-1 if none). */
export function staticAt(list) {
  const at = lastStartingBy(list);
  return (a) => {
    const i = at(a);
    return i >= 0 && a < list[i].addr + list[i].size ? i : -1;
  };
}

/**
 * Which statics stay: a Set of indices into `list`. `code` is the primary's text (binaryen's,
 * without its data segments).
 */
export function reachable(list, image, code) {
  const lo = list[0].addr;
  const hi = list.at(-1).addr + list.at(-1).size;
  const at = lastStartingBy(list);
  const containing = staticAt(list);
  const keep = new Set();
  const queue = [];
  const add = (i) => { if (i >= 0 && !keep.has(i)) { keep.add(i); queue.push(i); } };
  const inside = (a) => add(containing(a));
  // A pointer just past a static's end is one to that static too (an end pointer).
  const pointer = (v) => { inside(v); inside(v - 1); };
  // But an `i32.const` at the very start of another static is that static's, unless it is
  // added to something (a loop's index counting up to 0 from minus the length, as the
  // compiler's strength reduction writes it, reads the static before): without that, a
  // static would stay for the sake of the one after it.
  const constant = (v, added) => {
    if (v < lo || v > hi) return;
    const i = containing(v);
    if (added || i < 0 || list[i].addr !== v) pointer(v);
    else inside(v);
  };
  // binaryen's text has one expression per line, indented one space per level: a line's
  // parent is the last line before it indented one less.
  const lastAt = [];
  for (const line of code.split('\n')) {
    const indent = line.length - line.trimStart().length;
    lastAt[indent] = line;
    for (const m of line.matchAll(/i32\.const (-?\d+)|offset=(\d+)|i64\.const (-?\d+)/g)) {
      if (m[1] !== undefined) {
        const parent = (lastAt[indent - 1] ?? '').trimStart();
        constant(Number(m[1]), parent.startsWith('(i32.add') || parent.startsWith('(i32.sub'));
      } else if (m[3] !== undefined) {
        // Two 32-bit stores the compiler merged (a pointer and a length, say): either half.
        const v = BigInt.asUintN(64, BigInt(m[3]));
        constant(Number(v & 0xffffffffn), true);
        constant(Number(v >> 32n), true);
      } else {
        const v = Number(m[2]);
        if (v < lo - FOLDED_BIAS || v > hi) continue;
        pointer(v);
        for (let i = Math.max(at(v), 0); i < list.length && list[i].addr <= v + FOLDED_BIAS; i++) if (list[i].addr + list[i].size > v) add(i);
      }
    }
  }
  while (queue.length) {
    const s = list[queue.pop()];
    for (let a = (s.addr + 3) & ~3; a + 4 <= s.addr + s.size; a += 4) {
      const word = (image[a] | (image[a + 1] << 8) | (image[a + 2] << 16) | (image[a + 3] << 24)) >>> 0;
      if (word >= lo && word <= hi) pointer(word);
    }
  }
  return keep;
}

/**
 * Active segments ({ offset, data }) writing `image`'s bytes of the statics `which`. Statics
 * next to each other share a segment; one never spans a static of the other part (the rest's
 * would write it again over what the primary may have changed, a `static mut` say).
 */
export function segments(list, which, image) {
  const out = [];
  let start = -1;
  let end = -1;
  let last = -2;
  const flush = () => {
    if (start < 0) return;
    // Split at long zero runs; trim zeroes at both ends (memory starts zeroed).
    let a = start;
    while (a < end) {
      while (a < end && image[a] === 0) a++;
      if (a >= end) break;
      let b = a;
      let zeros = 0;
      while (b < end && zeros < ZERO_RUN) { zeros = image[b] === 0 ? zeros + 1 : 0; b++; }
      const last = b - zeros;
      out.push({ offset: a, data: image.slice(a, last) });
      a = b;
    }
    start = -1;
  };
  list.forEach((s, i) => {
    if (!which(i) || s.size === 0) return;
    const neighbour = i === last + 1 || list.slice(last + 1, i).every((between) => between.size === 0);
    if (start >= 0 && neighbour && s.addr <= end + ZERO_RUN) end = Math.max(end, s.addr + s.size);
    else { flush(); start = s.addr; end = s.addr + s.size; }
    last = i;
  });
  flush();
  return out;
}

/**
 * Checks the map against the image: every byte a segment writes lies in a static of the map
 * (a map from another build would not fit). Throws with what did not fit.
 */
export function checkMap(list, image) {
  let s = 0;
  for (let a = 0; a < image.length; a++) {
    if (image[a] === 0) continue;
    while (s < list.length && list[s].addr + list[s].size <= a) s++;
    if (s >= list.length || list[s].addr > a) {
      throw new Error(`split-data: the link map does not describe this module (byte at ${a} lies in no static); rebuild (cargo clean -p kubeplay --release --target wasm32-unknown-unknown)`);
    }
  }
}

/** binaryen.js's segment list for setMemory. */
export const forBinaryen = (mod, parts) =>
  parts.map((p, i) => ({ name: `d${i}`, data: p.data, passive: false, offset: mod.i32.const(p.offset) }));

