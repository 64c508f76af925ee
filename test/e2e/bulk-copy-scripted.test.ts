import { bulkCopySuite } from './bulk-suite';

bulkCopySuite('scripted');
