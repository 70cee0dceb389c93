// One way to declare a panel message: a schema built from these combinators gives both the TypeScript
// type (Infer<typeof schema>) and the runtime guard (schema.is), so the two cannot drift apart. Ours
// rather than a library (valibot, zod): the panels need a dozen combinators, guards that read OWN
// properties only (a message `type` of "constructor" or "__proto__" must be rejected, not looked up
// on Object.prototype), typed arrays as values, and the webview bundles stay free of a dependency.
// Pure: used by the host, the webviews and the tests alike.

export type Guard<T> = (v: unknown) => v is T;

export interface Schema<T> {
  readonly is: Guard<T>;
}

/** A field that may be absent (or undefined). */
export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly optional: true;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Shape = Record<string, Schema<unknown>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
export type ObjectOf<S extends Shape> = Simplify<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** An own property's value; inherited ones (toString, constructor, …) read as absent. */
export const ownValue = (o: object, k: string): unknown => (hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined);

/** A plain object (not null, not an array, not a typed array). */
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

const schema = <T>(is: (v: unknown) => boolean): Schema<T> => ({ is: is as Guard<T> });

export const string: Schema<string> = schema((v) => typeof v === 'string');
export const number: Schema<number> = schema((v) => typeof v === 'number');
export const boolean: Schema<boolean> = schema((v) => typeof v === 'boolean');
export const finite: Schema<number> = schema((v) => typeof v === 'number' && Number.isFinite(v));
/** A request or data-set id: an integer ≥ 0. */
export const id: Schema<number> = schema((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0);

/** A number in [min, max] (max exclusive when `below`), optionally an integer. */
export function range(min: number, max: number, opts: { integer?: boolean; below?: boolean } = {}): Schema<number> {
  return schema((v) => typeof v === 'number' && v >= min && (opts.below ? v < max : v <= max) && (!opts.integer || Number.isInteger(v)));
}

export function literal<const L extends string>(...values: L[]): Schema<L> {
  return schema((v) => typeof v === 'string' && (values as string[]).includes(v));
}

export function optional<T>(s: Schema<T>): OptionalSchema<T> {
  return { is: ((v: unknown) => v === undefined || s.is(v)) as Guard<T | undefined>, optional: true };
}

export function nullable<T>(s: Schema<T>): Schema<T | null> {
  return schema((v) => v === null || s.is(v));
}

export function union<S extends Schema<unknown>[]>(...options: S): Schema<Infer<S[number]>> {
  return schema((v) => options.some((o) => o.is(v)));
}

export function array<T>(item: Schema<T>): Schema<T[]> {
  return schema((v) => Array.isArray(v) && v.every((x) => item.is(x)));
}

export function tuple<S extends Schema<unknown>[]>(...items: S): Schema<{ [K in keyof S]: Infer<S[K]> }> {
  return schema((v) => Array.isArray(v) && v.length === items.length && items.every((s, i) => s.is(v[i])));
}

/** An object used as a map: every own enumerable value matches. */
export function record<T>(value: Schema<T>): Schema<Record<string, T>> {
  return schema((v) => isPlainObject(v) && Object.values(v).every((x) => value.is(x)));
}

export function instance<T>(ctor: abstract new (...args: never[]) => T): Schema<T> {
  return schema((v) => v instanceof ctor);
}

/** Typed arrays as the panels carry them (packed into one buffer per message, see protocol/packing). */
export const float32: Schema<Float32Array> = instance(Float32Array);
export const float64: Schema<Float64Array> = instance(Float64Array);
export const uint8: Schema<Uint8Array> = instance(Uint8Array);

/** A value of `s` that also passes `check` (a range, a consistency rule). */
export function refine<T>(s: Schema<T>, check: (v: T) => boolean): Schema<T> {
  return schema((v) => s.is(v) && check(v));
}

export interface ObjectSchema<S extends Shape> extends Schema<ObjectOf<S>> {
  readonly shape: S;
}

/** An object with these fields (own properties only); other fields are allowed and ignored. */
export function object<S extends Shape>(shape: S): ObjectSchema<S> {
  const entries = Object.entries(shape);
  return { shape, is: ((v: unknown) => isPlainObject(v) && entries.every(([k, s]) => s.is(ownValue(v, k)))) as Guard<ObjectOf<S>> };
}

/**
 * An object whose absent fields take defaults: `is` accepts it when every PRESENT field is valid (a
 * state saved by an older version, or a partial one from a test), `parse` returns it complete; a
 * present field of the wrong type makes the whole value invalid rather than being silently replaced.
 */
export interface DefaultsSchema<S extends Shape> extends Schema<ObjectOf<S>> {
  readonly shape: S;
  parse(v: unknown): ObjectOf<S> | undefined;
}

export function withDefaults<S extends Shape>(shape: S, defaults: ObjectOf<S>): DefaultsSchema<S> {
  const entries = Object.entries(shape);
  const parse = (v: unknown): ObjectOf<S> | undefined => {
    if (!isPlainObject(v)) return undefined;
    const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    for (const [k, s] of entries) {
      const value = ownValue(v, k);
      if (value === undefined) continue;
      if (!s.is(value)) return undefined;
      out[k] = value;
    }
    return out as ObjectOf<S>;
  };
  return { shape, parse, is: ((v: unknown) => parse(v) !== undefined) as Guard<ObjectOf<S>> };
}

/** The messages one side of a panel sends: a map from each `type` to its fields. */
export type MessageDefs = Record<string, Shape>;
export type MessageOf<D extends MessageDefs> = { [K in keyof D & string]: Simplify<{ type: K } & ObjectOf<D[K]>> }[keyof D & string];

export interface MessageSet<D extends MessageDefs> extends Schema<MessageOf<D>> {
  /** Every message type of this set (tests walk them). */
  readonly types: readonly string[];
  readonly defs: D;
}

/**
 * A discriminated union on `type`. The type is looked up among the set's OWN keys, so an
 * Object.prototype name (constructor, toString, __proto__ …) is an unknown message, not a crash.
 */
export function messages<D extends MessageDefs>(defs: D): MessageSet<D> {
  const checks = new Map(Object.entries(defs).map(([type, fields]) => [type, object(fields)]));
  return {
    defs,
    types: [...checks.keys()],
    is: ((v: unknown) => {
      if (!isPlainObject(v)) return false;
      const type = ownValue(v, 'type');
      if (typeof type !== 'string') return false;
      const check = checks.get(type);
      return check !== undefined && check.is(v);
    }) as Guard<MessageOf<D>>,
  };
}

/**
 * The request/response envelope (DESIGN.md §4): a request message carries an `id` and gets exactly one
 * reply with that id — its `reply` message, or `requestError` — optionally preceded by `parts`
 * (each under the message size limit) that the reply completes.
 */
export interface RequestSpec {
  reply: string;
  parts?: string;
}

export const requestIdField = { id } as const;
/** The error reply every request may get instead of its result. */
export const requestErrorFields = { id, message: string } as const;

/** A panel's protocol: what the webview sends, what the host sends, and which messages are requests. */
export interface PanelProtocol<ToHost extends MessageDefs, ToWebview extends MessageDefs, R extends Record<string, RequestSpec>> {
  readonly name: string;
  readonly toHost: MessageSet<ToHost>;
  readonly toWebview: MessageSet<ToWebview>;
  readonly requests: R;
}

export function panelProtocol<ToHost extends MessageDefs, ToWebview extends MessageDefs, const R extends Record<string, RequestSpec>>(p: {
  name: string;
  toHost: MessageSet<ToHost>;
  toWebview: MessageSet<ToWebview>;
  requests: R;
}): PanelProtocol<ToHost, ToWebview, R> {
  for (const [type, spec] of Object.entries(p.requests)) {
    // A declaration error, caught when the module loads (and by every test that imports it).
    const fields = p.toHost.defs[type];
    if (!fields || !('id' in fields)) throw new Error(`${p.name}: request ${type} must be a webview message with an id`);
    for (const reply of [spec.reply, spec.parts, 'requestError']) {
      if (reply !== undefined && !(p.toWebview.defs[reply] && 'id' in p.toWebview.defs[reply]!)) throw new Error(`${p.name}: reply ${reply} of ${type} must be a host message with an id`);
    }
  }
  return p;
}
