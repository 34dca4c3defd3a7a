import type { Migration } from '../Migration';
import { migration0001Init } from './0001_init';

/** Every migration of the app database, in order. Append new ones; never edit an applied one. */
export const MIGRATIONS: readonly Migration[] = [migration0001Init];
