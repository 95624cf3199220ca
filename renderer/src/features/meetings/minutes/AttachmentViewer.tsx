/**
 * The app's own viewer for attachments: images as <img> from a blob URL, PDFs
 * page by page with pdf.js (components/PdfView). Nothing is handed to the
 * system, so nothing an attachment contains can run.
 */
import { useEffect, useMemo } from 'react';
import { Modal } from 'antd';
import { PdfView } from '../../../components/PdfView';

export interface ViewedFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export function AttachmentViewer({ file, onClose }: { file: ViewedFile | null; onClose: () => void }) {
  return (
    <Modal
      open={file !== null}
      title={<span className="attachment-viewer-title">{file?.fileName}</span>}
      onCancel={onClose}
      footer={null}
      width="min(1100px, 94vw)"
      destroyOnHidden
      centered
    >
      {file && (
        <div className="attachment-viewer" data-testid="attachment-viewer" data-mime={file.mime}>
          {file.mime === 'application/pdf' ? <PdfView data={file.bytes} /> : <ImageView file={file} />}
        </div>
      )}
    </Modal>
  );
}

function ImageView({ file }: { file: ViewedFile }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([file.bytes], { type: file.mime })), [file]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <img className="attachment-viewer-image" src={url} alt={file.fileName} />;
}
