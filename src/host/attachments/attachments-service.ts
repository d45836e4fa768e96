import type { attachmentsContract } from '../../shared/contracts/attachments-contract';
import type { ContractImpl } from '../../shared/rpc/contract';
import { ok } from '../../shared/result';
import type { AttachmentReader } from './attachment-reader';
import type { AttachmentUploads } from './attachment-uploads';

export function attachmentsService(uploads: AttachmentUploads, reader: AttachmentReader): ContractImpl<typeof attachmentsContract> {
  return {
    startUpload: async ({ name, mimeType, size }) => uploads.start(name, mimeType, size),
    uploadChunk: async ({ uploadId, data }) => uploads.chunk(uploadId, data),
    finishUpload: async ({ uploadId }) => uploads.finish(uploadId),
    cancelUpload: async ({ uploadId }) => {
      uploads.cancel(uploadId);
      return ok({});
    },
    read: async ({ url, offset }) => reader.read(url, offset),
  };
}
