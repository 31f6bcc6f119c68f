export declare const DEVELOPMENT_CHAIN_KEY: string;
export declare function resolveChainKey(env?: Record<string, string | undefined>, options?: { warn?: boolean }): string;
export declare function previousChainKeys(env?: Record<string, string | undefined>): string[];
export declare function chainKeyId(key: string): string;
export declare function chainSessionSetting(key: string): string;
export declare function chainSessionOptions(key: string): string;
