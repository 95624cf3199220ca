/** Interface texts of features/contracts (zh-CN): property-service companies, contracts, deadlines, evaluations. */
export const contractsText = {
  nav: '物业合同',
  deadlinesNav: '合同期限提醒',
};
