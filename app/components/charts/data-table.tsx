import type { ReactNode } from 'react';

/**
 * The text alternative every chart carries: its numbers as a real table inside a <details>, in a scrollable region
 * that keyboard users can reach. The caller writes the header row and the body.
 */
export function ChartDataTable({ summary, title, head, children }: { summary: string; title: string; head: ReactNode; children: ReactNode }) {
  return (
    <details className="chart-data">
      <summary>{summary}</summary>
      <div className="chart-table-wrap" role="region" aria-label={title} tabIndex={0}>
        <table className="chart-table">
          <caption>{title}</caption>
          <thead>
            <tr>{head}</tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </details>
  );
}
