// The executable's entry point.
import { main } from './program.js';

await main(process.argv);
