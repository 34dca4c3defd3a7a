import { measurePerCall } from './bench/perCall';
void (async () => { console.log(JSON.stringify(await measurePerCall(process.argv[2] as 'on' | 'off'))); process.exit(0); })();
