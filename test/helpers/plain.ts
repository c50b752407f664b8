import { stripVTControlCharacters } from 'node:util';

/** A frame as a reader without colour sees it: escape sequences removed. */
export const plain = (text: string): string => stripVTControlCharacters(text);
