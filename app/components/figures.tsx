/** One key figure of a monitoring page: a label over a large value, in a `dl.figures` grid. */
export function Figure({ label, value, name, alert = false }: { label: string; value: string; name?: string; alert?: boolean }) {
  return (
    <div className={alert ? 'figure figure-alert' : 'figure'} data-figure={name}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
