/** Files crossing the contract as {fileName, base64}. */
import { FILE_LIMITS, fileTooBigMessage } from '../../../shared/domain/file-limits';

/** What the file pickers of every table import accept: main reads xlsx and CSV alike, by header. */
export const TABLE_FILE_ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** Main's refusal of a file over FILE_LIMITS.fileBytes, said before the page reads it; null when it fits. */
export function tableFileTooBig(file: File): string | null {
  return file.size > FILE_LIMITS.fileBytes ? fileTooBigMessage(file.size) : null;
}

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
};

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Save a file from main with the browser's download (Blob + object URL + <a download>). */
export function downloadFile(file: { fileName: string; base64: string }): void {
  const ext = file.fileName.split('.').pop()?.toLowerCase() ?? '';
  const blob = new Blob([base64ToBytes(file.base64)], { type: MIME[ext] ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Read a chosen File for roster.previewImport / roster.import. */
export async function readFilePayload(file: File): Promise<{ fileName: string; base64: string }> {
  const buffer = await file.arrayBuffer();
  return { fileName: file.name, base64: bytesToBase64(new Uint8Array(buffer)) };
}
