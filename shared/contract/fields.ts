/**
 * Field schemas shared by the contract and the renderer's forms, with Chinese
 * messages: a form shows exactly what the service would refuse.
 */
import { z } from 'zod';
import { parseArea } from '../domain/area';
import { checkDocument, normalizePhone } from '../domain/identity';
import { AREA_SOURCES, DELIVERY_STATUSES, PART_TYPES } from '../domain/register';

export const id = z.string().min(1, { error: '缺少编号' }).max(64);

/**
 * No lost updates (issue 17): every editable record's read carries its revision (main/db/schema/columns.ts), and
 * its update takes the revision the form was opened with; a save over a newer one is refused as CONFLICT naming
 * who changed it when. Optional, so that the CLI and older callers still save (as before: last one wins); the
 * screens always send it. tests/unit/record-revisions.test.ts checks every update method has both.
 */
export const revision = z.number().int().positive();
export const expectedRevision = { expectedRevision: revision.optional() };

export const requiredText = (label: string, max = 100) =>
  z.string({ error: `${label}应为文字` }).trim().min(1, { error: `请填写${label}` }).max(max, { error: `${label}不能超过${max}个字` });

export const optionalText = (label: string, max = 200) =>
  z.string({ error: `${label}应为文字` }).trim().max(max, { error: `${label}不能超过${max}个字` }).default('');

/** An area typed by a person: "89.5", "89.50㎡" → kept as text, checked by the import's rule. */
export const areaText = z.string({ error: '面积应为文字或数字' }).superRefine((value, ctx) => {
  const parsed = parseArea(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});

/** A document number: empty, or valid by checkDocument (mainland IDs by their check digit). */
export const documentText = z.string().trim().max(40).default('').superRefine((value, ctx) => {
  if (value === '') return;
  const checked = checkDocument(value);
  if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.message });
});

export const phoneText = z.string().trim().max(30).default('').superRefine((value, ctx) => {
  if (value === '') return;
  const checked = normalizePhone(value);
  if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.message });
});

export const partType = z.enum(PART_TYPES, { error: `类型应为${PART_TYPES.join('、')}之一` });
export const areaSource = z.enum(AREA_SOURCES, { error: `面积来源应为${AREA_SOURCES.join('、')}之一` });
export const deliveryStatus = z.enum(DELIVERY_STATUSES, { error: `交付状态应为${DELIVERY_STATUSES.join('、')}之一` });

/** Two-decimal strings for areas and money, as docs/cli.md §6 prints them. */
export const decimal2 = z.string().regex(/^-?\d+\.\d{2}$/);

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期应为 YYYY-MM-DD' });

export const rowError = z.object({
  row: z.number().int().nullable(),
  column: z.string().optional(),
  message: z.string(),
});

/** A file crossing the contract (xlsx/csv in, xlsx out). */
export const filePayload = z.object({
  fileName: z.string().min(1).max(255),
  base64: z.string(),
});
