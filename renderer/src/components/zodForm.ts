/**
 * Forms validate with the contract's zod schemas: the form shows exactly what
 * the service would refuse, in the same Chinese words.
 */
import type { FormInstance, FormRule } from 'antd';
import type { z } from 'zod';
import { ApiError } from '../api/errors';

export type FormCheck<T> = { ok: true; data: T } | { ok: false; otherErrors: string[] };

type NamePath = (string | number)[];

function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** A message for a place in the form's values: a zod issue's path, or a field main named. */
interface Placed { path: readonly PropertyKey[]; message: string }

/**
 * Put each message on its form field (the nearest field on its path: an issue
 * deep inside a field, e.g. settings.countParkingInVotes, goes to that field);
 * the fields not named are cleared. Messages on paths the form has no field
 * for come back, for the caller to show above the form.
 */
function placeMessages(form: FormInstance, messages: readonly Placed[]): string[] {
  const fields = form.getFieldsError().map((f) => f.name as NamePath);
  const known = new Map(fields.map((name) => [pathKey(name), name]));
  const errors = new Map<string, { name: NamePath; errors: string[] }>();
  const otherErrors: string[] = [];
  for (const m of messages) {
    let placed = false;
    for (let n = m.path.length; n > 0 && !placed; n--) {
      const name = known.get(pathKey(m.path.slice(0, n)));
      if (!name) continue;
      const entry = errors.get(pathKey(name)) ?? { name, errors: [] };
      if (!entry.errors.includes(m.message)) entry.errors.push(m.message);
      errors.set(pathKey(name), entry);
      placed = true;
    }
    if (!placed) otherErrors.push(m.message);
  }
  form.setFields(fields.map((name) => ({ name, errors: errors.get(pathKey(name))?.errors ?? [] })));
  return otherErrors;
}

/**
 * Run `schema.safeParse(values)` and put each issue on its form field (by the
 * issue's path). Issues on paths the form has no field for come back in
 * `otherErrors`, for the caller to show above the form.
 */
export function checkForm<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown): FormCheck<z.output<S>> {
  const result = schema.safeParse(values);
  const otherErrors = placeMessages(form, result.success ? [] : result.error.issues);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, otherErrors };
}

/**
 * A refusal from main on the form: each field problem on its field (by the
 * path main named, 'sessions.0.date' → the first session's date). Returns what
 * is left to show above the form: the other problems' messages, or the
 * refusal's own message when every problem found its field; null when main
 * named no field the form has (the caller shows the refusal as it is).
 */
export function placeRefusal(form: FormInstance, e: unknown): string[] | null {
  if (!(e instanceof ApiError) || e.fieldProblems.length === 0) return null;
  const fields = e.fieldProblems.map((p) => ({ path: p.field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)), message: p.message }));
  const unplaced = placeMessages(form, fields);
  if (unplaced.length === fields.length) return null;
  const others = e.problems.filter((p) => p.kind !== 'field').map((p) => p.message);
  const left = [...others, ...unplaced];
  return left.length > 0 ? left : [e.message];
}

/** A field rule from one field's schema, so a field can also be checked when it loses focus. */
export function zodRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value ?? '');
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '');
    },
  };
}
