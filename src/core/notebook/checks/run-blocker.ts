// 3.2 static-run-blocker: (a) a cell that does not parse as Python after IPython masking (error);
// (b) static def-use across cells in document order: a name loaded at module level in cell i that no
// earlier code defines but a later cell does (warning) — the static analogue of Julynter h5/h6, which
// need a live kernel. Function bodies, lambdas and comprehensions are excluded; a star import turns (b)
// off for every later cell because it may define anything.
import type { CheckDef } from './types';
import { lineRange } from './types';

const BUILTINS = new Set(
  (
    'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits ' +
    'delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input ' +
    'int isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print property quit ' +
    'range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip __import__ __name__ __file__ ' +
    '__doc__ __builtins__ __spec__ __loader__ __package__ __debug__ __annotations__ True False None NotImplemented Ellipsis ' +
    'BaseException BaseExceptionGroup Exception ExceptionGroup ArithmeticError AssertionError AttributeError BlockingIOError ' +
    'BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ' +
    'ConnectionResetError DeprecationWarning EOFError EncodingWarning EnvironmentError FileExistsError FileNotFoundError ' +
    'FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError InterruptedError ' +
    'IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError NotADirectoryError ' +
    'NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ' +
    'ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError ' +
    'SystemExit TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError ' +
    'UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ZeroDivisionError WindowsError'
  ).split(' '),
);
// names the IPython kernel defines in every session
const IPYTHON_GLOBALS = new Set(['In', 'Out', '_', '__', '___', '_i', '_ii', '_iii', '_oh', '_ih', '_dh', 'display', 'get_ipython', 'exit', 'quit']);

export const staticRunBlocker: CheckDef = {
  id: 'static-run-blocker',
  run(ctx, emit) {
    if (!ctx.python) return;
    for (const c of ctx.code) {
      if (!c.masked.isPython) continue;
      const err = c.masked.errors[0] ?? c.facts.syntaxErrors[0];
      if (err) {
        emit({ cell: c.cell.index, severity: 'error', range: lineRange(err.line, err.column), message: `Cell ${c.cell.index} cannot run: ${err.message} (line ${err.line + 1}).` });
      }
    }
    // (b) def-use in document order
    const definedIn = new Map<string, number[]>(); // name → cells that bind it, in order
    for (const c of ctx.code) for (const name of c.facts.bindings.keys()) (definedIn.get(name) ?? definedIn.set(name, []).get(name)!).push(c.cell.index);
    const definedBefore = new Set<string>();
    let starSeen = false;
    for (const c of ctx.code) {
      if (!c.masked.isPython) continue;
      if (!starSeen && !c.masked.errors.length) {
        const reported = new Set<string>();
        for (const load of c.facts.loads) {
          const name = load.name;
          if (definedBefore.has(name) || BUILTINS.has(name) || IPYTHON_GLOBALS.has(name) || reported.has(name)) continue;
          const ownBinding = c.facts.bindings.get(name);
          if (ownBinding !== undefined && ownBinding < load.offset) continue;
          const later = definedIn.get(name)?.find((i) => i > c.cell.index);
          if (later === undefined) continue;
          reported.add(name);
          emit({
            cell: c.cell.index,
            severity: 'warning',
            range: lineRange(load.line, load.column, load.column + name.length),
            message: `\`${name}\` is used in cell ${c.cell.index} but only defined in cell ${later} — the notebook cannot run top to bottom.`,
          });
        }
      }
      for (const name of c.facts.bindings.keys()) definedBefore.add(name);
      if (c.facts.starImport) starSeen = true;
    }
  },
};
