export { isoString } from '../../core/shared/iso-date.ts';
