// @ts-check
// Lowers the initial size of a WebAssembly module's own memory, and nothing else.
//
// libpg-query's module starts with 128 MiB of memory. Creating that much costs a short command
// about 5 ms, and V8 answers the external memory with a garbage collection. The parser needs its
// data, its stack and a little heap at start; the rest it gets by growing the memory (the module
// declares a maximum and its runtime grows on demand). The code, data and everything else in the
// file are copied byte for byte; anything unexpected stops the build.

const PAGE = 65536;
const MEMORY_SECTION = 5;
const GLOBAL_SECTION = 6;
const DATA_SECTION = 11;
const I32_CONST = 0x41;
const END = 0x0b;

/**
 * @param {Uint8Array} bytes the module as shipped
 * @param {number} headroomBytes heap kept free above the highest address the module uses at start
 * @returns {{ bytes: Uint8Array, fromPages: number, toPages: number }}
 */
export function shrinkInitialMemory(bytes, headroomBytes) {
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (!magic.every((b, i) => bytes[i] === b)) throw new Error('not a version 1 WebAssembly module');
  const sections = [];
  for (let i = 8; i < bytes.length; ) {
    const id = bytes[i];
    const [size, start] = uleb(bytes, i + 1);
    sections.push({ id, at: i, start, end: start + size });
    i = start + size;
  }
  const memory = only(sections, MEMORY_SECTION);
  const [count, limitsAt] = uleb(bytes, memory.start);
  const flags = bytes[limitsAt];
  // One memory, 32-bit, not shared, with a maximum (so that it can grow).
  if (count !== 1 || flags !== 1) throw new Error(`unexpected memory section (count ${count}, flags ${flags})`);
  const [fromPages, maxAt] = uleb(bytes, limitsAt + 1);
  const [maxPages, limitsEnd] = uleb(bytes, maxAt);
  if (limitsEnd !== memory.end) throw new Error('unexpected bytes after the memory limits');

  // The highest address in use at start: the end of the data segments and the initial values of
  // the i32 globals (the stack pointer is one; the stack grows down from it and the heap starts there).
  const used = Math.max(dataEnd(bytes, only(sections, DATA_SECTION)), ...i32GlobalInits(bytes, only(sections, GLOBAL_SECTION)));
  const toPages = Math.ceil((used + headroomBytes) / PAGE);
  if (toPages >= fromPages) return { bytes, fromPages, toPages: fromPages };
  if (toPages > maxPages) throw new Error('the module needs more than its own maximum');

  const limits = [...uleb128(1), flags, ...uleb128(toPages), ...uleb128(maxPages)];
  const section = [MEMORY_SECTION, ...uleb128(limits.length), ...limits];
  const out = new Uint8Array(bytes.length - (memory.end - memory.at) + section.length);
  out.set(bytes.subarray(0, memory.at), 0);
  out.set(section, memory.at);
  out.set(bytes.subarray(memory.end), memory.at + section.length);
  return { bytes: out, fromPages, toPages };
}

/**
 * @param {{ id: number, at: number, start: number, end: number }[]} sections
 * @param {number} id
 */
function only(sections, id) {
  const found = sections.filter((s) => s.id === id);
  if (found.length !== 1) throw new Error(`expected one section ${id}, found ${found.length}`);
  return found[0];
}

/**
 * Initial values of the globals that start as an i32 constant.
 * @param {Uint8Array} bytes
 * @param {{ start: number, end: number }} section
 */
function i32GlobalInits(bytes, section) {
  const values = [];
  let [count, i] = uleb(bytes, section.start);
  for (; count > 0; count--) {
    const type = bytes[i];
    i += 2; // value type, mutability
    const op = bytes[i];
    if (op !== I32_CONST) {
      // Only the constants the module's layout uses are expected; anything else is not understood.
      if (type === 0x7f) throw new Error(`an i32 global starts with opcode ${op}`);
      throw new Error(`a global of type ${type} is not understood`);
    }
    const [value, next] = sleb(bytes, i + 1);
    if (bytes[next] !== END) throw new Error('a global initialiser is longer than one constant');
    values.push(value);
    i = next + 1;
  }
  if (i !== section.end) throw new Error('unexpected bytes after the globals');
  return values;
}

/**
 * The end of the highest active data segment.
 * @param {Uint8Array} bytes
 * @param {{ start: number, end: number }} section
 */
function dataEnd(bytes, section) {
  let end = 0;
  let [count, i] = uleb(bytes, section.start);
  for (; count > 0; count--) {
    const [kind, afterKind] = uleb(bytes, i);
    i = afterKind;
    let offset;
    if (kind === 0 || kind === 2) {
      if (kind === 2) i = uleb(bytes, i)[1]; // memory index
      if (bytes[i] !== I32_CONST) throw new Error('a data segment offset is not a constant');
      const [value, next] = sleb(bytes, i + 1);
      if (bytes[next] !== END) throw new Error('a data segment offset is longer than one constant');
      offset = value;
      i = next + 1;
    } else if (kind !== 1) {
      throw new Error(`unknown data segment kind ${kind}`);
    }
    const [size, body] = uleb(bytes, i);
    i = body + size;
    if (offset !== undefined) end = Math.max(end, offset + size);
  }
  if (i !== section.end) throw new Error('unexpected bytes after the data segments');
  return end;
}

/**
 * @param {Uint8Array} bytes
 * @param {number} at
 * @returns {[number, number]} the value and the offset after it
 */
function uleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (let i = at; ; i++) {
    const b = bytes[i];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, i + 1];
  }
}

/**
 * @param {Uint8Array} bytes
 * @param {number} at
 * @returns {[number, number]}
 */
function sleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (let i = at; ; i++) {
    const b = bytes[i];
    value |= (b & 0x7f) << shift;
    shift += 7;
    if (b < 0x80) return [shift < 32 && b & 0x40 ? value | (~0 << shift) : value, i + 1];
  }
}

/** @param {number} n */
function uleb128(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}
