/** The register's vocabularies, one home for each list of values. */
export const PART_TYPES = ['住宅', '商铺', '车位', '其他'] as const;
export type PartType = (typeof PART_TYPES)[number];

export const AREA_SOURCES = ['登记', '实测', '合同'] as const;
export type AreaSource = (typeof AREA_SOURCES)[number];

export const DELIVERY_STATUSES = ['已交付', '未售', '已售未交付'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Parts the developer still holds for voting: unsold, or sold but not delivered (SPC interp. Art. 9). */
export function heldByDeveloper(status: DeliveryStatus): boolean {
  return status !== '已交付';
}
