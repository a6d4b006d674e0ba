import { describe, expect, it } from 'vitest';
import {
  add,
  barrier,
  emitWgsl,
  gidX,
  ifThen,
  letBind,
  load,
  local,
  loop,
  lt,
  outputBuffer,
  program,
  readBuffer,
  store,
  u32,
} from '../src/index.ts';

// emitWgsl attributes every line of main's body to the statement that emitted it, so that a WGSL
// compiler message can name the program location.

describe('WgslModule.lineStatements', () => {
  const p = program({
    workgroupSize: [64, 1, 1],
    buffers: [readBuffer('input', 0, 'u32'), outputBuffer('out', 1, 'u32', 64)],
    entry: [
      letBind('x', load('input', gidX())),
      ifThen(
        lt(local('x'), u32(10)),
        [store('out', gidX(), local('x'))],
        [loop('i', u32(0), u32(2), [store('out', local('i'), u32(7))])],
      ),
      barrier(),
      store('out', u32(0), add(local('x'), u32(1))),
    ],
  });
  const emitted = emitWgsl(p);
  const module = emitted.ok ? emitted.value : undefined;
  const lines = module?.code.split('\n') ?? [];
  const origin = (text: string): string[] =>
    lines.flatMap((line, i) =>
      line.trim().startsWith(text) ? [module?.lineStatements[i] ?? '?'] : [],
    );

  it('has one entry per line of code', () => {
    expect(module?.lineStatements.length).toBe(lines.length - 1);
  });

  it('maps each statement to its JSON Pointer', () => {
    expect(origin('let l_x')).toEqual(['/entry/0/body/0']);
    expect(origin('if (l_x')).toEqual(['/entry/0/body/1']);
    expect(origin('} else {')).toEqual(['/entry/0/body/1']);
    expect(origin('for (')).toEqual(['/entry/0/body/1/otherwise/0']);
    expect(origin('vyre_store_out(l_i')).toEqual([
      '/entry/0/body/1/otherwise/0/body/0',
    ]);
    expect(origin('vyre_store_out(gid.x')).toEqual(['/entry/0/body/1/then/0']);
    expect(origin('storageBarrier()')).toEqual(['/entry/0/body/2']);
    expect(origin('workgroupBarrier()')).toEqual(['/entry/0/body/2']);
    expect(origin('vyre_store_out(0u')).toEqual(['/entry/0/body/3']);
  });

  it('leaves the lines vyre adds itself unattributed', () => {
    expect(origin('@group(0)')).toEqual(['', '']);
    expect(origin('fn main(')).toEqual(['']);
    expect(origin('fn vyre_load_input(')).toEqual(['']);
    expect(module?.lineStatements.at(-1)).toBe('');
  });
});
