/** Saving what the user sees (a chart, a table) as a file, through the browser's download. */
import { stringify } from 'csv-stringify/browser/esm/sync';

export function downloadBlob(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function downloadDataUrl(name: string, url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
}

export function downloadCsv(name: string, rows: readonly (readonly (string | number)[])[]): void {
  downloadBlob(name, new Blob([stringify(rows.map((r) => [...r]))], { type: 'text/csv' }));
}
