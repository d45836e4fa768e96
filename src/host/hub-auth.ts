/** What an HTTP call to the hub on the signed-in agent's behalf needs. */
export interface HubAuth {
  hubUrl: string;
  token: string;
}
