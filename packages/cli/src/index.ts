export { main, usage } from './main.ts';
