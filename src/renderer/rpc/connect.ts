import { shellContract } from '../../shared/contracts/shell-contract';
import { sessionContract } from '../../shared/contracts/session-contract';
import { workspaceContract } from '../../shared/contracts/workspace-contract';
import { createRpcClient } from '../../shared/rpc/rpc-client';
import type { RpcPort } from '../../shared/rpc/port';
import { bridgePort } from './bridge';
import { supervisorContract } from '../../shared/contracts/supervisor-contract';
import { browserWsPort } from './browser-ws-port';
import { attachmentsContract } from '../../shared/contracts/attachments-contract';
import { draftsContract } from '../../shared/contracts/drafts-contract';
import { knowledgeContract } from '../../shared/contracts/knowledge-contract';

/** Electron gives the page a bridge; in a browser the web host's token arrives in the URL fragment. */
function pickPort(): RpcPort {
  if (window.switchboard) return bridgePort(window.switchboard);
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) sessionStorage.setItem('switchboard.token', fromHash);
  const token = fromHash ?? sessionStorage.getItem('switchboard.token') ?? '';
  const url = new URL('/rpc', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  url.hash = '';
  return browserWsPort(url.toString());
}

const client = createRpcClient(pickPort());

export const rpc = {
  session: client.proxy(sessionContract),
  workspace: client.proxy(workspaceContract),
  supervisor: client.proxy(supervisorContract),
  drafts: client.proxy(draftsContract),
  attachments: client.proxy(attachmentsContract),
  knowledge: client.proxy(knowledgeContract),
  /** Served by the Electron shell only; under the web host every call answers `unknown_method`. */
  shell: client.proxy(shellContract),
};
