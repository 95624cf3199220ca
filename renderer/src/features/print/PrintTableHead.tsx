/** Column widths (percent of the sheet) and header cells of a printed table: the head repeats on every page. */
export function PrintTableHead({ columns }: { columns: readonly { label: string; width: number }[] }) {
  return (
    <>
      <colgroup>
        {columns.map((c) => <col key={c.label} style={{ width: `${c.width}%` }} />)}
      </colgroup>
      <thead>
        <tr>{columns.map((c) => <th key={c.label}>{c.label}</th>)}</tr>
      </thead>
    </>
  );
}
