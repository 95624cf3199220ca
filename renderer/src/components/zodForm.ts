/**
 * Forms validate with the contract's zod schemas: the form shows exactly what
 * the service would refuse, in the same Chinese words.
 */
import type { FormInstance, FormRule } from 'antd';
import type { z } from 'zod';

export type FormCheck<T> = { ok: true; data: T } | { ok: false; otherErrors: string[] };

type NamePath = (string | number)[];

function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Run `schema.safeParse(values)` and put each issue on its form field (by the
 * issue's path). Issues on paths the form has no field for come back in
 * `otherErrors`, for the caller to show above the form.
 */
export function checkForm<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown): FormCheck<z.output<S>> {
  const fields = form.getFieldsError().map((f) => f.name as NamePath);
  const known = new Map(fields.map((name) => [pathKey(name), name]));
  const result = schema.safeParse(values);
  const errors = new Map<string, { name: NamePath; errors: string[] }>();
  const otherErrors: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      // An issue deep inside a field (e.g. settings.countParkingInVotes) goes to the nearest field.
      let placed = false;
      for (let n = issue.path.length; n > 0 && !placed; n--) {
        const name = known.get(pathKey(issue.path.slice(0, n)));
        if (!name) continue;
        const entry = errors.get(pathKey(name)) ?? { name, errors: [] };
        if (!entry.errors.includes(issue.message)) entry.errors.push(issue.message);
        errors.set(pathKey(name), entry);
        placed = true;
      }
      if (!placed) otherErrors.push(issue.message);
    }
  }
  form.setFields(fields.map((name) => ({ name, errors: errors.get(pathKey(name))?.errors ?? [] })));
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, otherErrors };
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
