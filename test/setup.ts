// Runs in every test file: the temporary folders a file's tests made are removed when it ends
// (a full run makes about a hundred, some holding a packed install).
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);
