/** Reading SPSS .sav files into the pipeline's SavDataset shape. */
export { readSavFile } from './readSavFile';
export { multiGroupOf, loopOf, loopStem, looksLikeIdName, looksLikeIdentifier } from './variableNames';
export { measureSav, type SavMeasure } from './measureSav';
