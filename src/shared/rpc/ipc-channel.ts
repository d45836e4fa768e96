/** The single IPC channel the preload bridge and the main process share. */
export const RPC_IPC_CHANNEL = 'switchboard:rpc';
