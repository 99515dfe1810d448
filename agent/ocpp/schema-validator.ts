/**
 * A PayloadValidator over folders of vendored JSON schema files, compiled lazily.
 *
 * Why lazily: compiling every OCA schema at start-up costs tens of MB of RSS (an idle strict ocpp-rpc client
 * measured 68 MB against 40 MB for bare Node), while a station exercises a handful of actions. Each schema is read
 * and compiled on its first use and cached. Create one validator per protocol version and share it between
 * connections (fleet mode); it holds no per-connection state.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import type { Ajv as AjvCore } from 'ajv';
import { failureFromAjv } from './schema-errors.js';
import type { PayloadValidator, ValidationFailure } from './validator.js';

export interface SchemaSet {
  /** Folder holding the schema files (a `file:` URL ending in '/'). */
  dir: URL;
  /** File names (inside `dir`) of the request and response schema of an action. */
  files(action: string): { request: string; response: string };
  /** Builds the ajv instance for this set; called at most once, on first compile. */
  createAjv(): AjvCore;
}

type Kind = 'request' | 'response';

// Action names are identifiers; anything else never reaches the file system.
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

interface LoadedSet {
  set: SchemaSet;
  names: Set<string>;
  ajv: AjvCore | null;
}

export class SchemaValidator implements PayloadValidator {
  private sets: LoadedSet[] | null = null;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly ids = new Map<string, string>();

  constructor(private readonly schemaSets: readonly SchemaSet[]) {}

  knows(action: string): boolean {
    return this.setOf(action) !== null;
  }

  validateRequest(action: string, payload: unknown): ValidationFailure | null {
    return this.validate(action, 'request', payload);
  }

  validateResponse(action: string, payload: unknown): ValidationFailure | null {
    return this.validate(action, 'response', payload);
  }

  /** The schema id (`id` or `$id`) of an action's request or response, as written in the file. */
  schemaId(action: string, kind: Kind): string | null {
    if (!this.knows(action)) return null;
    this.compile(action, kind);
    return this.ids.get(`${kind}:${action}`) ?? null;
  }

  /** Every action the schema folders define (for routing-completeness checks). */
  actions(): string[] {
    const out = new Set<string>();
    for (const loaded of this.loadedSets()) {
      for (const name of loaded.names) {
        if (!name.endsWith('.json')) continue;
        const action = name.slice(0, -'.json'.length);
        if (this.setOf(action) === loaded) out.add(action);
      }
    }
    return [...out].sort();
  }

  private validate(action: string, kind: Kind, payload: unknown): ValidationFailure | null {
    if (!this.knows(action)) return { code: 'NotImplemented', message: `unknown action "${action.slice(0, 64)}"` };
    const fn = this.compile(action, kind);
    return fn(payload) ? null : failureFromAjv(fn.errors);
  }

  private loadedSets(): LoadedSet[] {
    if (!this.sets) {
      this.sets = this.schemaSets.map((set) => ({ set, names: new Set(readdirSync(set.dir)), ajv: null }));
    }
    return this.sets;
  }

  private setOf(action: string): LoadedSet | null {
    if (!ACTION_NAME.test(action)) return null;
    for (const loaded of this.loadedSets()) {
      const f = loaded.set.files(action);
      // Requiring both files keeps "XResponse" from passing as an action whose request schema is XResponse.json.
      if (loaded.names.has(f.request) && loaded.names.has(f.response)) return loaded;
    }
    return null;
  }

  private compile(action: string, kind: Kind): ValidateFunction {
    const key = `${kind}:${action}`;
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const loaded = this.setOf(action)!;
    const file = loaded.set.files(action)[kind];
    const schema = JSON.parse(readFileSync(new URL(file, loaded.set.dir), 'utf8')) as Record<string, unknown>;
    const id = typeof schema.$id === 'string' ? schema.$id : typeof schema.id === 'string' ? schema.id : null;
    loaded.ajv ??= loaded.set.createAjv();
    const fn = (id !== null ? loaded.ajv.getSchema(id) : undefined) ?? loaded.ajv.compile(schema);
    if (id !== null) this.ids.set(key, id);
    this.compiled.set(key, fn);
    return fn;
  }
}
