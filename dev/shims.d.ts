declare module 'dynalite' {
  import type { Server } from 'node:http';
  interface DynaliteOptions {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }
  export default function dynalite(options?: DynaliteOptions): Server;
}

declare module 's3rver' {
  import type { AddressInfo } from 'node:net';
  interface S3rverOptions {
    port?: number;
    address?: string;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
  }
  export default class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}

declare module 'tar' {
  interface TarOptions {
    file: string;
    cwd?: string;
    gzip?: boolean | { level?: number };
    portable?: boolean;
    strict?: boolean;
  }
  export function c(options: TarOptions, paths: string[]): Promise<void>;
  export function x(options: TarOptions, paths?: string[]): Promise<void>;
}
