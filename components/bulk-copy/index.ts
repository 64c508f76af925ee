export type { BulkCopyDialogProps } from './BulkCopyDialog';
export { BulkCopyDialog } from './BulkCopyDialog';
export { bulkCopyCss } from './styles';
export type * from './types';
