// Sends a file to the core's upload route (POST /upload), not through the API socket: files may be
// tens of megabytes. Reports progress; resolves with the upload's id, or rejects with the core's
// typed error (upload_too_large…), translated like any failed call.
import { ApiError } from '../api/client';

export function uploadFile(url: string, file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as { ok: boolean; value?: { uploadId: string }; error?: ApiError['info'] };
        if (body.ok && body.value) resolve(body.value.uploadId);
        else reject(new ApiError(body.error ?? { code: 'internal', params: {} }));
      } catch {
        reject(new ApiError({ code: xhr.status === 413 ? 'upload_too_large' : 'internal', params: { limit: 50 * 1024 * 1024 } }));
      }
    };
    xhr.onerror = () => reject(new ApiError({ code: 'core_unavailable', params: {} }));
    xhr.send(file);
  });
}
