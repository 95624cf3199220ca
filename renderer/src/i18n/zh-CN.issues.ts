/** Interface texts of features/issues (zh-CN): the issue ledger, escalation, statistics, mediation. */
export const issuesText = {
  nav: '问题台账',
};
