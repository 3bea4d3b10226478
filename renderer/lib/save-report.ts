// "Save report…": where a job's report goes. In the browser (the headless shell) the
// archive's bytes come through getJobReport and leave as a download. The desktop shell
// replaces this with a native save dialog by calling setReportSaver once at start: it
// gets the archive's path on this machine and answers where the person saved it.
import type { DeskApi } from '../../shared/api';

export interface ReportToSave {
  jobId: string;
  /** The .tar.gz exportJobReport wrote into the job folder. */
  path: string;
  /** A file name to offer: <job id>.report.tar.gz. */
  name: string;
}

/** Saves the report; answers where it went, or null when the person cancelled. */
export type ReportSaver = (report: ReportToSave) => Promise<string | null>;

let saver: ReportSaver | null = null;

/** The desktop shell's override (a native save dialog); null puts the download back. */
export function setReportSaver(next: ReportSaver | null): void {
  saver = next;
}

/** Writes the job's report and saves it the way this shell can. */
export async function saveReport(api: Pick<DeskApi, 'exportJobReport' | 'getJobReport'>, jobId: string): Promise<string | null> {
  if (saver) {
    const { path } = await api.exportJobReport({ jobId });
    return saver({ jobId, path, name: path.slice(path.lastIndexOf('/') + 1) });
  }
  const report = await api.getJobReport({ jobId });
  downloadBytes(report.name, base64Bytes(report.base64));
  return report.name;
}

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Through a Blob URL, like the log's Download: no data: URL, so the CSP stays as it is. */
function downloadBytes(fileName: string, bytes: Uint8Array<ArrayBuffer>): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/gzip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
