import { assertNever, InternalError } from '@vyre/foundation';
import type { AtomicOp } from './atomic-op.ts';
import type { BufferDecl } from './buffer-decl.ts';
import type { DataType } from './data-type.ts';
import { wgslBufferName } from './wgsl-names.ts';
import { wgslValueType, wgslZero } from './wgsl-value-types.ts';
import { valueTypeOfElement, type ValueType } from './value-type.ts';

// One buffer as the emitter sees it: its declaration, and the guarded access helpers
// (`vyre_load_<b>`, `vyre_store_<b>`, `vyre_atomic_<op>_<b>`) the body calls. The helpers are written
// after the body, once it is known which are used and whether the buffer is an atomic target (then
// its element type is `atomic<u32>` and every access to it is atomic).

/**
 * A binding of the emitted module: one storage buffer in group 0.
 *
 * @public
 */
export interface WgslBinding {
  /** The buffer's IR name (its WGSL variable is `b_<name>`). */
  readonly name: string;
  /** Always bind group 0. */
  readonly group: 0;
  /** The binding slot, the buffer's `binding`. */
  readonly binding: number;
  /** `read` for read-only and uniform buffers, `read_write` for the rest. */
  readonly access: 'read' | 'read_write';
  /** The IR element type; 8- and 16-bit elements are packed into u32 words, bools are u32 words. */
  readonly element: DataType;
  /** Whether the WGSL element type is `atomic<u32>` (the buffer is the target of an atomic). */
  readonly atomic: boolean;
}

// How elements sit in the WGSL array.
type Packing = 'plain' | 'bool' | 'u8' | 'i8' | 'u16' | 'i16';

// The helper behind each atomic operator; `lruUpdate` is vyre's alias of `max`.
type AtomicHelper =
  'add' | 'or' | 'and' | 'xor' | 'min' | 'max' | 'exchange' | 'cas' | 'nand';

const ATOMIC_HELPERS: readonly AtomicHelper[] = [
  'add',
  'or',
  'and',
  'xor',
  'min',
  'max',
  'exchange',
  'cas',
  'nand',
];

const NATIVE_ATOMIC: Readonly<
  Record<Exclude<AtomicHelper, 'cas' | 'nand'>, string>
> = {
  add: 'atomicAdd',
  or: 'atomicOr',
  and: 'atomicAnd',
  xor: 'atomicXor',
  min: 'atomicMin',
  max: 'atomicMax',
  exchange: 'atomicExchange',
};

function packingOf(element: DataType): Packing {
  switch (element) {
    case 'bool':
    case 'u8':
    case 'i8':
    case 'u16':
    case 'i16':
      return element;
    case 'u32':
    case 'i32':
    case 'f32':
    case 'f16':
    case 'u64':
    case 'i64':
    case 'vec2u32':
    case 'vec4u32':
      return 'plain';
    default:
      return assertNever(element, 'packingOf');
  }
}

function atomicHelperOf(op: AtomicOp): AtomicHelper {
  switch (op) {
    case 'add':
    case 'or':
    case 'and':
    case 'xor':
    case 'min':
    case 'max':
    case 'exchange':
      return op;
    case 'lruUpdate':
      return 'max';
    case 'compareExchange':
      return 'cas';
    case 'fetchNand':
      return 'nand';
    case 'compareExchangeWeak':
      throw new InternalError(
        'emitWgsl met compareExchangeWeak, which the validator rejects (V056)',
      );
    default:
      return assertNever(op, 'atomicHelperOf');
  }
}

/**
 * A buffer of the program being emitted, with the access helpers its body uses.
 *
 * @internal
 */
export class WgslBuffer {
  readonly decl: BufferDecl;
  /** The WGSL variable, `b_<name>`. */
  readonly variable: string;
  /** The type a load yields and a store takes. */
  readonly valueType: ValueType;
  private readonly packing: Packing;
  private loaded = false;
  private stored = false;
  private readonly atomics = new Set<AtomicHelper>();

  /**
   * @param decl - the buffer's declaration
   */
  constructor(decl: BufferDecl) {
    this.decl = decl;
    this.variable = wgslBufferName(decl.name);
    this.valueType = valueTypeOfElement(decl.element);
    this.packing = packingOf(decl.element);
  }

  /** Whether this is per-workgroup memory rather than a binding. */
  get workgroup(): boolean {
    return this.decl.access === 'workgroup';
  }

  /** Whether some atomic targets this buffer, making its WGSL element type `atomic<u32>`. */
  get atomic(): boolean {
    return this.atomics.size > 0;
  }

  /**
   * The guarded load of element `index`.
   *
   * @param index - the WGSL index expression
   */
  load(index: string): string {
    this.loaded = true;
    return `vyre_load_${this.decl.name}(${index})`;
  }

  /**
   * The guarded store of `value` to element `index`.
   *
   * @param index - the WGSL index expression
   * @param value - the WGSL value expression
   */
  store(index: string, value: string): string {
    this.stored = true;
    return `vyre_store_${this.decl.name}(${index}, ${value})`;
  }

  /**
   * The guarded atomic `op` on element `index`; `args` are the WGSL index, then (for compareExchange)
   * the expected value, then the operand.
   *
   * @param op - the atomic operator
   * @param args - the comma-separated WGSL arguments
   */
  atomicOp(op: AtomicOp, args: string): string {
    const helper = atomicHelperOf(op);
    this.atomics.add(helper);
    return `vyre_atomic_${helper}_${this.decl.name}(${args})`;
  }

  /** Whether {@link WgslBuffer.length} is a const-expression (a literal count). */
  constantLength(): boolean {
    return this.workgroup || this.staticNarrow();
  }

  /**
   * `bufLen`: the element count, static for workgroup buffers and for 8/16-bit storage buffers of a
   * declared count (whose bound words may hold more elements), from the bound size otherwise.
   */
  length(): string {
    if (this.workgroup || this.staticNarrow()) {
      return `${this.decl.count}u`;
    }
    const words = `arrayLength(&${this.variable})`;
    switch (this.packing) {
      case 'u8':
      case 'i8':
        return `(${words} * 4u)`;
      case 'u16':
      case 'i16':
        return `(${words} * 2u)`;
      case 'plain':
      case 'bool':
        return words;
      default:
        return assertNever(this.packing, 'WgslBuffer.length');
    }
  }

  /** The module-scope declaration of the buffer. */
  declaration(): string {
    const element = this.wgslElement();
    const decl = this.decl;
    switch (decl.access) {
      case 'workgroup':
        return `var<workgroup> ${this.variable}: array<${element}, ${this.wordCount()}>;`;
      case 'readOnly':
      case 'uniform':
        return `@group(0) @binding(${decl.binding}) var<storage, read> ${this.variable}: array<${element}>;`;
      case 'readWrite':
      case 'writeOnly':
        return `@group(0) @binding(${decl.binding}) var<storage, read_write> ${this.variable}: array<${element}>;`;
      default:
        return assertNever(decl.access, 'WgslBuffer.declaration');
    }
  }

  /** The binding this buffer occupies, or `undefined` for a workgroup buffer. */
  binding(): WgslBinding | undefined {
    const decl = this.decl;
    if (this.workgroup) {
      return undefined;
    }
    return {
      name: decl.name,
      group: 0,
      binding: decl.binding,
      access:
        decl.access === 'readOnly' || decl.access === 'uniform'
          ? 'read'
          : 'read_write',
      element: decl.element,
      atomic: this.atomic,
    };
  }

  /**
   * Appends the text of each access helper the body used to `out`: load, store, then atomics.
   *
   * @param out - the module's sections
   */
  emitHelpers(out: string[]): void {
    const name = this.decl.name;
    const type = wgslValueType(this.valueType);
    if (this.loaded) {
      out.push(`fn vyre_load_${name}(i: u32) -> ${type} {
  if (${this.inBounds()}) {
    return ${this.loadWord()};
  }
  return ${wgslZero(this.valueType)};
}`);
    }
    if (this.stored) {
      out.push(`fn vyre_store_${name}(i: u32, v: ${type}) {
  if (${this.inBounds()}) {
${this.storeWord()}
  }
}`);
    }
    for (const helper of ATOMIC_HELPERS) {
      if (this.atomics.has(helper)) {
        out.push(this.atomicHelper(helper));
      }
    }
  }

  private wgslElement(): string {
    if (this.atomic) {
      return 'atomic<u32>';
    }
    return this.packing === 'plain' ? wgslValueType(this.valueType) : 'u32';
  }

  // Words in a workgroup array: packed elements round up to whole words.
  private wordCount(): number {
    const count = this.decl.count;
    switch (this.packing) {
      case 'u8':
      case 'i8':
        return Math.ceil(count / 4);
      case 'u16':
      case 'i16':
        return Math.ceil(count / 2);
      case 'plain':
      case 'bool':
        return count;
      default:
        return assertNever(this.packing, 'WgslBuffer.wordCount');
    }
  }

  // A storage buffer of 8- or 16-bit elements with a declared count: its last bound word may hold
  // elements past the count, which must stay out of bounds (the CPU reference has none).
  private staticNarrow(): boolean {
    return (
      this.decl.count > 0 && this.packing !== 'plain' && this.packing !== 'bool'
    );
  }

  // Whether element `i` exists. Runtime-sized storage buffers compare the word index with the bound
  // length, so no product can overflow; workgroup buffers and static 8/16-bit storage buffers compare
  // with the declared element count.
  private inBounds(): string {
    if (this.workgroup || this.staticNarrow()) {
      return `i < ${this.decl.count}u`;
    }
    const words = `arrayLength(&${this.variable})`;
    switch (this.packing) {
      case 'u8':
      case 'i8':
        return `(i >> 2u) < ${words}`;
      case 'u16':
      case 'i16':
        return `(i >> 1u) < ${words}`;
      case 'plain':
      case 'bool':
        return `i < ${words}`;
      default:
        return assertNever(this.packing, 'WgslBuffer.inBounds');
    }
  }

  private loadWord(): string {
    const b = this.variable;
    switch (this.packing) {
      case 'plain':
        return this.atomic ? `atomicLoad(&${b}[i])` : `${b}[i]`;
      case 'bool':
        return `${b}[i] != 0u`;
      case 'u8':
        return `(${b}[i >> 2u] >> ((i & 3u) * 8u)) & 0xffu`;
      case 'i8':
        return `bitcast<i32>(${b}[i >> 2u] << ((3u - (i & 3u)) * 8u)) >> 24u`;
      case 'u16':
        return `(${b}[i >> 1u] >> ((i & 1u) * 16u)) & 0xffffu`;
      case 'i16':
        return `bitcast<i32>(${b}[i >> 1u] << ((1u - (i & 1u)) * 16u)) >> 16u`;
      default:
        return assertNever(this.packing, 'WgslBuffer.loadWord');
    }
  }

  // The statements (indented two levels) that write `v` to element `i`; 8/16-bit elements
  // read-modify-write their word.
  private storeWord(): string {
    const b = this.variable;
    switch (this.packing) {
      case 'plain':
        return this.atomic
          ? `    atomicStore(&${b}[i], v);`
          : `    ${b}[i] = v;`;
      case 'bool':
        return `    ${b}[i] = select(0u, 1u, v);`;
      case 'u8':
        return packedStore(b, '2u', '3u', '8u', '0xffu', 'v');
      case 'i8':
        return packedStore(b, '2u', '3u', '8u', '0xffu', 'bitcast<u32>(v)');
      case 'u16':
        return packedStore(b, '1u', '1u', '16u', '0xffffu', 'v');
      case 'i16':
        return packedStore(b, '1u', '1u', '16u', '0xffffu', 'bitcast<u32>(v)');
      default:
        return assertNever(this.packing, 'WgslBuffer.storeWord');
    }
  }

  private atomicHelper(helper: AtomicHelper): string {
    const name = this.decl.name;
    const element = `&${this.variable}[i]`;
    const guard = this.inBounds();
    switch (helper) {
      case 'add':
      case 'or':
      case 'and':
      case 'xor':
      case 'min':
      case 'max':
      case 'exchange':
        return `fn vyre_atomic_${helper}_${name}(i: u32, v: u32) -> u32 {
  if (${guard}) {
    return ${NATIVE_ATOMIC[helper]}(${element}, v);
  }
  return 0u;
}`;
      // Strong: a weak compare-exchange that fails while the value still equals `expected` failed
      // spuriously, and is retried.
      case 'cas':
        return `fn vyre_atomic_cas_${name}(i: u32, expected: u32, v: u32) -> u32 {
  if (${guard}) {
    loop {
      let r = atomicCompareExchangeWeak(${element}, expected, v);
      if (r.exchanged || r.old_value != expected) {
        return r.old_value;
      }
    }
  }
  return 0u;
}`;
      case 'nand':
        return `fn vyre_atomic_nand_${name}(i: u32, v: u32) -> u32 {
  if (${guard}) {
    var old = atomicLoad(${element});
    loop {
      let r = atomicCompareExchangeWeak(${element}, old, ~(old & v));
      if (r.exchanged) {
        return r.old_value;
      }
      old = r.old_value;
    }
  }
  return 0u;
}`;
      default:
        return assertNever(helper, 'WgslBuffer.atomicHelper');
    }
  }
}

function packedStore(
  b: string,
  wordShift: string,
  laneMask: string,
  laneBits: string,
  mask: string,
  bits: string,
): string {
  return `    let w = i >> ${wordShift};
    let s = (i & ${laneMask}) * ${laneBits};
    ${b}[w] = (${b}[w] & ~(${mask} << s)) | ((${bits} & ${mask}) << s);`;
}
