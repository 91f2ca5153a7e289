// Stack frames as the API sends them (Sentry's camelCase with `context: [[line, text]]`, or the SDK's snake_case),
// turned into one shape for display.

export interface ViewFrame {
  filename: string;
  module?: string;
  function?: string;
  lineNo?: number;
  colNo?: number;
  inApp: boolean;
  context: Array<[number, string]>;
  vars?: Record<string, unknown>;
  package?: string;
  instructionAddr?: string;
  /** Rewritten from a minified frame by a source map (`data.symbolicated`). */
  symbolicated: boolean;
  /** The frame as the SDK sent it, when a source map rewrote it. */
  minified?: ViewFrame;
}

type Raw = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function toViewFrame(f: Raw): ViewFrame {
  const lineNo = num(f.lineNo) ?? num(f.lineno);
  let context: Array<[number, string]> = [];
  if (Array.isArray(f.context)) {
    context = (f.context as unknown[])
      .filter((c): c is [number, string] => Array.isArray(c) && c.length >= 2)
      .map(([n, t]) => [Number(n), String(t ?? '')]);
  } else if (typeof f.context_line === 'string' && lineNo !== undefined) {
    const pre = Array.isArray(f.pre_context) ? (f.pre_context as unknown[]).map(String) : [];
    const post = Array.isArray(f.post_context) ? (f.post_context as unknown[]).map(String) : [];
    context = [
      ...pre.map((t, i): [number, string] => [lineNo - pre.length + i, t]),
      [lineNo, f.context_line],
      ...post.map((t, i): [number, string] => [lineNo + 1 + i, t]),
    ];
  }
  const vars =
    f.vars && typeof f.vars === 'object' && Object.keys(f.vars as object).length
      ? (f.vars as Record<string, unknown>)
      : undefined;
  return {
    filename: str(f.filename) ?? str(f.absPath) ?? str(f.abs_path) ?? str(f.module) ?? '<unknown>',
    module: str(f.module),
    function: str(f.function) ?? str(f.rawFunction) ?? str(f.raw_function),
    lineNo,
    colNo: num(f.colNo) ?? num(f.colno),
    inApp: f.inApp === true || f.in_app === true,
    context,
    vars,
    package: str(f.package),
    instructionAddr: str(f.instructionAddr) ?? str(f.instruction_addr),
    symbolicated: (f.data as { symbolicated?: unknown } | null)?.symbolicated === true,
  };
}

export interface ViewException {
  type?: string;
  value?: string;
  module?: string;
  mechanism?: { type?: string; handled?: boolean } | null;
  /** Newest (crashing) frame first, as Sentry shows them by default. */
  frames: ViewFrame[];
  /** The minified frames as sent, same order, when source maps rewrote the stack. */
  rawFrames?: ViewFrame[];
}

function framesOf(st: unknown): ViewFrame[] | undefined {
  const frames = (st as Raw | null)?.frames;
  return Array.isArray(frames) ? (frames as Raw[]).map(toViewFrame).reverse() : undefined;
}

export function toViewExceptions(data: unknown): ViewException[] {
  const d = (data ?? {}) as Raw;
  const values = Array.isArray(d.values) ? (d.values as Raw[]) : Array.isArray(data) ? (data as Raw[]) : [];
  return values.map((v) => {
    const rawFrames = v.stacktrace ? framesOf(v.rawStacktrace) : undefined;
    const frames = framesOf(v.stacktrace ?? v.rawStacktrace) ?? [];
    // Resolution rewrites frames one for one, so the minified twin of frame i is raw frame i.
    if (rawFrames?.length === frames.length) frames.forEach((f, i) => f.symbolicated && (f.minified = rawFrames[i]));
    return {
      type: str(v.type),
      value: typeof v.value === 'string' ? v.value : undefined,
      module: str(v.module),
      mechanism: (v.mechanism as ViewException['mechanism']) ?? null,
      frames,
      rawFrames: rawFrames?.length ? rawFrames : undefined,
    };
  });
}
