// Runs in every test file (vitest setupFiles): folders made with tempDir() go when the file ends.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp';

afterAll(removeTempDirs);
