import { bulkCopySuite } from './bulk-suite';

bulkCopySuite('inline');
