/** Interface texts of features/bodies (zh-CN): the community's bodies, members, candidates, coverage, their rules. */
export const bodiesText = {
  nav: '组织建设',
  coverageNav: '覆盖情况',
};
