/** Reading SPSS .sav files into the pipeline's SavDataset shape. */
export { readSavFile } from './readSavFile';
export { missingChecker } from './missingChecker';
export { multiGroupOf, loopOf, looksLikeIdName } from './variableNames';
