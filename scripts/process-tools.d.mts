export declare function pnpmCommand(): { command: string; prefix: string[] };
export declare function freePort(): Promise<number>;
